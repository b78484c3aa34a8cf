import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type SignedIn, type TestApp } from '../../../tests/support/test-app.js';
import { startSmtp } from '../../../tests/support/smtp-server.js';
import { makeCase, makeDesk, makeStaff, signInStaff, type MadeCase } from '../../../tests/support/factories.js';
import { smtpMailer, type Mailer } from '../../integrations/mail/mailer.js';
import { findCase } from '../../db/repositories/cases.js';
import { listEvents } from '../../db/repositories/case-events.js';
import { listJobs } from '../../db/repositories/jobs.js';
import { runDueJobs, type WorkerDeps } from '../../jobs/worker.js';
import type { CaseBody, ErrorBody } from '../routes/cases/cases.test-helpers.js';
import { missingReference } from '../routes/cases/cases.test-helpers.js';
import { postAs, postForm, reporterPage, reporterPartyId } from '../routes/cases/case-work.test-helpers.js';
import { escaped, t_ } from './public-pages.test-helpers.js';

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const unfold = (data: string): string => data.replace(/=\r?\n/g, '');

describe.each(testDialects())('withdrawal and private notes on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  let deps: WorkerDeps;
  let handler: SignedIn;
  let reviewer: SignedIn;
  let outsider: SignedIn;
  const handlerEmail = 'withdrawal-handler@example.org';

  const drain = async () => { while ((await runDueJobs(t.ctx, deps, 'worker-x')) > 0) { /* until nothing is due */ } };
  const post = (who: SignedIn | null, c: MadeCase, suffix: string, payload: object, csrf = true) => postAs(t, who, `/api/v1/cases/${c.reference}${suffix}`, payload, csrf);
  const reply = async (c: MadeCase, body: string) => post(handler, c, '/replies', { partyId: await reporterPartyId(t, c.id), body });
  const jobsOf = async (kind: string, c: MadeCase) => (await listJobs(t.ctx.db, kind)).filter((j) => (j.payload as { caseId: string }).caseId === c.id);
  const newCase = () => makeCase(t, { desk: 'main', assigneeId: handler.userId, contactEmail: 'withdrawing@example.org', status: 'investigating' });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    smtp = await startSmtp();
    mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Haven <haven@localhost>');
    deps = { mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog };
    handler = await signInStaff(t, await makeStaff(t, { role: 'handler', email: handlerEmail }));
    reviewer = await signInStaff(t, await makeStaff(t, { role: 'reviewer' }));
    outsider = await signInStaff(t, await makeStaff(t, { role: 'handler', desk: await makeDesk(t, { slug: 'far', name: 'Far' }) }));
  });
  afterAll(async () => {
    mailer.close();
    await smtp.close();
    await t.close();
  });

  it('asks to withdraw in two steps without script, records the wish once, tells the assignee and stops reply notices', async () => {
    const c = await newCase();
    await drain();
    smtp.received.length = 0;
    const anonymous = await t.app.inject({ method: 'GET', url: '/status/withdraw' });
    expect(anonymous.statusCode).toBe(401);
    const reporter = await reporterPage(t, c.accessCode);
    const status = await t.app.inject({ method: 'GET', url: '/status', headers: { cookie: reporter.cookie } });
    expect(status.body).toContain('href="/status/withdraw"');

    const confirm = await t.app.inject({ method: 'GET', url: '/status/withdraw', headers: { cookie: reporter.cookie } });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body.toLowerCase()).not.toContain('<script');
    expect(confirm.body).toContain(escaped(t_('status.withdraw.confirm.body')));
    expect(confirm.body).toContain('<form method="post" action="/status/withdraw"');

    // Without the form token, or without the confirm step, nothing is recorded.
    const stale = await t.app.inject({ method: 'POST', url: '/status/withdraw', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: reporter.cookie }, payload: 'confirm=yes' });
    expect(stale.statusCode).toBe(403);
    const unconfirmed = await postForm(t, reporter, '/status/withdraw', {});
    expect(unconfirmed.statusCode).toBe(303);
    expect(unconfirmed.headers.location).toBe('/status/withdraw');
    expect((await findCase(t.ctx.db, { id: c.id }))?.withdrawalRequestedAt).toBeNull();

    const done = await postForm(t, reporter, '/status/withdraw', { confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/status?withdrawn=1');
    expect((await postForm(t, reporter, '/status/withdraw', { confirm: 'yes' })).statusCode).toBe(303);
    const kase = await findCase(t.ctx.db, { id: c.id });
    expect(kase?.withdrawalRequestedAt).not.toBeNull();
    // The handler may keep investigating: the wish changes nothing on its own.
    expect(kase?.status).toBe('investigating');
    expect((await listEvents(t.ctx.db, c.id)).filter((e) => e.type === 'withdrawal_requested')).toHaveLength(1);
    const after = await t.app.inject({ method: 'GET', url: '/status?withdrawn=1', headers: { cookie: reporter.cookie } });
    expect(after.body).toContain(escaped(t_('status.withdraw.done')));
    expect(after.body).toContain('action="/status/messages/resume"');

    await drain();
    expect(smtp.received.map((m) => m.to)).toEqual([[handlerEmail]]);
    expect(unfold(smtp.received[0]?.data ?? '')).toContain(c.reference);

    // A reply still reaches the status page, but no notice is emailed.
    expect((await reply(c, 'We read your request and will decide soon.')).statusCode).toBe(201);
    expect(await jobsOf('email.reply_notice', c)).toEqual([]);
    const seen = (await post(handler, c, '/notes', { body: 'x' })).json<CaseBody>().case;
    expect(seen.withdrawalRequestedAt).toBe(kase?.withdrawalRequestedAt?.toISOString());
    expect(seen.timeline.map((e) => e.type)).toContain('withdrawal_requested');
  });

  it('writes again once the reporter asks', async () => {
    const c = await newCase();
    const reporter = await reporterPage(t, c.accessCode);
    await postForm(t, reporter, '/status/withdraw', { confirm: 'yes' });
    const resumed = await postForm(t, reporter, '/status/messages/resume', {});
    expect(resumed.headers.location).toBe('/status?resumed=1');
    expect((await findCase(t.ctx.db, { id: c.id }))?.withdrawalRequestedAt).toBeNull();
    expect((await reply(c, 'Good to hear from you again.')).statusCode).toBe(201);
    expect(await jobsOf('email.reply_notice', c)).toHaveLength(1);
  });

  describe('POST /api/v1/cases/:reference/withdrawal/decision', () => {
    it('walks 401, 400, 404 and 403, refuses without a request, then tells the reporter the case goes on', async () => {
      const c = await newCase();
      const good = { decision: 'continue', message: 'Others are at risk, so we will keep looking. You can come back at any time.' };
      expect((await post(null, c, '/withdrawal/decision', good)).statusCode).toBe(401);
      for (const bad of [{}, { decision: 'close', message: 'x' }, { decision: 'continue', message: '' }]) {
        expect((await post(handler, c, '/withdrawal/decision', bad)).statusCode).toBe(400);
      }
      const missing = await postAs(t, handler, `/api/v1/cases/${await missingReference(t)}/withdrawal/decision`, good);
      const foreign = await post(outsider, c, '/withdrawal/decision', good);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json<ErrorBody>()).toEqual(missing.json<ErrorBody>());
      expect((await post(handler, c, '/withdrawal/decision', good, false)).statusCode).toBe(403);
      expect((await post(reviewer, c, '/withdrawal/decision', good)).statusCode).toBe(403);
      const early = await post(handler, c, '/withdrawal/decision', good);
      expect(early.statusCode).toBe(409);

      const reporter = await reporterPage(t, c.accessCode);
      await postForm(t, reporter, '/status/withdraw', { confirm: 'yes' });
      await drain();
      smtp.received.length = 0;
      const decided = await post(handler, c, '/withdrawal/decision', good);
      expect(decided.statusCode).toBe(200);
      const kase = decided.json<CaseBody>().case;
      expect(kase.status).toBe('investigating');
      expect(kase.withdrawalRequestedAt).toBeNull();
      expect(kase.messages.at(-1)).toMatchObject({ direction: 'to_party', body: good.message });
      expect(kase.timeline.at(-1)).toMatchObject({ type: 'withdrawal_continued', detail: { messageId: kase.messages.at(-1)?.id } });
      const page = await t.app.inject({ method: 'GET', url: '/status', headers: { cookie: reporter.cookie } });
      expect(page.body).toContain(escaped(good.message));
      await drain();
      expect(smtp.received.map((m) => m.to)).toEqual([['withdrawing@example.org']]);
      const mail = unfold(smtp.received[0]?.data ?? '');
      expect(mail).toContain(c.reference);
      expect(mail).not.toContain('Others are at risk');
      // Told once; other messages still wait until the reporter asks again.
      expect((await reply(c, 'An update.')).statusCode).toBe(201);
      expect(await jobsOf('email.reply_notice', c)).toEqual([]);
    });
  });

  it('never shows a private note, or a reason kept as one, in anything the reporter reads', async () => {
    const secret = 'NOTE-3f9a: same person as an earlier case, do not tell the reporter';
    const c = await newCase();
    const reporter = await reporterPage(t, c.accessCode);
    expect((await post(handler, c, '/notes', { body: secret })).statusCode).toBe(201);
    expect((await post(handler, c, '/status', { to: 'waiting', waitingOn: 'target', reason: `${secret} (waiting)` })).statusCode).toBe(200);
    expect((await reply(c, 'We are waiting for an answer from the other person.')).statusCode).toBe(201);
    await postForm(t, reporter, '/status/updates', { text: 'Anything new?', links: '' });
    await postForm(t, reporter, '/status/withdraw', { confirm: 'yes' });
    await post(handler, c, '/withdrawal/decision', { decision: 'continue', message: 'We go on with it.' });
    await drain();
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: c.accessCode } });
    const apiCookie = `haven_reporter=${api.cookies.find((k) => k.name === 'haven_reporter')?.value ?? ''}`;
    const answers: { name: string; body: string }[] = [
      { name: 'session', body: api.body },
      ...await Promise.all(['/status', '/status?added=1', '/status?withdrawn=1', '/status/withdraw'].map(async (url) =>
        ({ name: url, body: (await t.app.inject({ method: 'GET', url, headers: { cookie: (reporter).cookie } })).body }))),
      { name: 'reporter API', body: (await t.app.inject({ method: 'GET', url: '/api/v1/reporter/case', headers: { cookie: apiCookie } })).body },
      ...smtp.received.map((m, i) => ({ name: `email ${i}`, body: unfold(m.data) })),
    ];
    expect(answers.find((a) => a.name === 'reporter API')?.body).toContain('We go on with it.');
    for (const answer of answers) expect(answer.body, answer.name).not.toContain('NOTE-3f9a');
    // The staff view does show it.
    const staff = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${c.reference}`, headers: { cookie: handler.cookie } });
    expect(staff.json<CaseBody>().case.notes.map((n) => n.body)).toEqual([secret, `${secret} (waiting)`]);
  });
});
