import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { fileReport, tableCounts } from '../../../tests/support/intake.js';
import { makeCase, revokeReporterAccess } from '../../../tests/support/factories.js';
import type { Mailer, OutgoingMail } from '../../integrations/mail/mailer.js';
import { runDueJobs, type WorkerDeps } from '../../jobs/worker.js';
import { listJobs } from '../../db/repositories/jobs.js';
import { SIGN_IN_LINK_EMAIL_JOB, SIGN_IN_LINK_REQUEST_JOB } from '../../services/job-kinds.js';
import { sweepIntakeSecrets } from '../../services/sweep-intake-secrets.js';
import { escaped, expectHtmlPageHeaders, form, FORM, t_ } from './public-pages.test-helpers.js';

const start = new Date('2026-03-02T10:00:00.000Z');
const MINUTE = 60_000;
const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.each(testDialects())('"I lost my code" on %s', (dialect) => {
  let t: TestApp;
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = { send: async (mail) => { sent.push(mail); }, close: () => undefined };
  const deps: WorkerDeps = { mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog };

  beforeAll(async () => { t = await createTestApp(dialect, { now: start }); });
  afterAll(async () => { await t.close(); });
  afterEach(async () => {
    // Raw: no service empties the outbox; each test counts only its own emails.
    await t.ctx.db.deleteFrom('jobs').execute();
    sent.length = 0;
    t.setNow(start);
  });

  const ask = (email: string) => t.app.inject({ method: 'POST', url: '/status/lost', headers: FORM, payload: form({ email }) });
  /** Runs the worker until the outbox is empty, as its loop would. */
  async function work(): Promise<void> {
    while ((await runDueJobs(t.ctx, deps, 'worker')) > 0) { /* drain */ }
  }
  function linkIn(mail: OutgoingMail | undefined): string {
    const token = /http:\/\/localhost:3000\/status\/link\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    if (token === undefined) throw new Error(`no sign-in link in ${mail?.text ?? 'no mail'}`);
    return token;
  }
  async function useLink(token: string) {
    const page = await t.app.inject({ method: 'GET', url: `/status/link?token=${token}` });
    expect(page.statusCode).toBe(200);
    const hidden = /<input type="hidden" name="token" value="([^"]+)">/.exec(page.body)?.[1] ?? '';
    return t.app.inject({ method: 'POST', url: '/status/link', headers: FORM, payload: form({ token: hidden }) });
  }

  it('sends a single-use link to the address given with the report, which signs in to the case', async () => {
    const report = await fileReport(t, { contactEmail: 'Lost.Code@Example.org' });
    await work();
    sent.length = 0;
    const status = await t.app.inject({ method: 'GET', url: '/status' });
    expect(status.body).toContain(`<a href="/status/lost">${escaped(t_('status.lost.link'))}</a>`);

    const asked = await ask('  lost.code@example.org ');
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/status/lost?sent=1');
    const answer = await t.app.inject({ method: 'GET', url: '/status/lost?sent=1' });
    expectHtmlPageHeaders(answer);
    expect(answer.body).toContain(escaped(t_('status.lost.sent.heading')));

    await work();
    expect(sent).toHaveLength(1);
    const mail = sent[0];
    expect(mail?.to).toBe('Lost.Code@Example.org');
    expect(mail?.subject).toContain(report.reference);
    for (const form of [report.accessCode, report.accessCode.replace(/-/g, '')]) expect(mail?.text).not.toContain(form);

    // Opening the link signs nobody in (mail scanners open links); the button does.
    const token = linkIn(mail);
    const signedIn = await useLink(token);
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/status');
    const cookie = signedIn.cookies.find((c) => c.name === 'haven_reporter');
    expect(cookie?.httpOnly).toBe(true);
    const caseView = await t.app.inject({ method: 'GET', url: '/status', headers: { cookie: `haven_reporter=${cookie?.value ?? ''}` } });
    expect(caseView.body).toContain(escaped(t_('status.case.heading', { reference: report.reference })));

    // Single use: the same link again is refused and signs nobody in.
    const again = await useLink(token);
    expect(again.statusCode).toBe(401);
    expect(again.body).toContain(escaped(t_('status.link.invalid', { minutes: 30 })));
    expect(again.cookies.find((c) => c.name === 'haven_reporter')).toBeUndefined();
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'reporter.sign%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['reporter.sign_in_link_sent', 'reporter.signed_in_by_link']);
  });

  it('lets a link work for 30 minutes only', async () => {
    await fileReport(t, { contactEmail: 'expiring@example.org' });
    await ask('expiring@example.org');
    await work();
    const token = linkIn(sent.find((m) => m.to === 'expiring@example.org' && m.subject.includes('sign-in')));
    t.setNow(new Date(start.getTime() + 30 * MINUTE));
    const late = await useLink(token);
    expect(late.statusCode).toBe(401);
    expect(late.cookies.find((c) => c.name === 'haven_reporter')).toBeUndefined();
  });

  it('does not send a link held up past its expiry (an SMTP outage): it would arrive dead', async () => {
    await fileReport(t, { contactEmail: 'held-up@example.org' });
    await work();
    sent.length = 0;
    await ask('held-up@example.org');
    // The request runs, but the relay is down until the link has expired.
    const down: Mailer = { send: () => Promise.reject(new Error('connect ECONNREFUSED')), close: () => undefined };
    await runDueJobs(t.ctx, { ...deps, mailer: down }, 'worker');
    await runDueJobs(t.ctx, { ...deps, mailer: down }, 'worker');
    t.setNow(new Date(start.getTime() + 30 * MINUTE));
    await work();
    expect(sent).toEqual([]);
    expect((await listJobs(t.ctx.db, SIGN_IN_LINK_EMAIL_JOB)).map((j) => j.status)).toEqual(['done']);
  });

  it('answers an unknown address exactly as a known one, and writes the same rows', async () => {
    await fileReport(t, { contactEmail: 'known@example.org' });
    await work();
    sent.length = 0;
    const beforeKnown = await tableCounts(t);
    const known = await ask('known@example.org');
    const afterKnown = await tableCounts(t);
    const unknown = await ask('nobody-ever@example.org');
    const afterUnknown = await tableCounts(t);
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.headers.location).toBe(known.headers.location);
    expect(unknown.body).toBe(known.body);
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());
    // The same writes, so the same work and time: a request row and a job, whoever asks.
    const diff = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(a).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)]));
    expect(diff(afterKnown, afterUnknown)).toEqual(diff(beforeKnown, afterKnown));
    expect(diff(beforeKnown, afterKnown)).toMatchObject({ sign_in_link_requests: 1, jobs: 1 });
    await work();
    expect(sent.map((m) => m.to)).toEqual(['known@example.org']);
  });

  it('sends at most three links an hour to one address, answering the same all the while', async () => {
    await fileReport(t, { contactEmail: 'limited@example.org' });
    await work();
    sent.length = 0;
    const answers = [];
    for (const typed of ['limited@example.org', 'LIMITED@example.org', ' limited@example.org', 'limited@EXAMPLE.org', 'limited@example.org']) {
      t.setNow(new Date(t.ctx.now().getTime() + MINUTE));
      answers.push(await ask(typed));
    }
    expect(new Set(answers.map((a) => `${a.statusCode} ${String(a.headers.location)}`)).size).toBe(1);
    expect(await listJobs(t.ctx.db, SIGN_IN_LINK_REQUEST_JOB)).toHaveLength(3);
    await work();
    expect(sent).toHaveLength(3);
    // Refused requests are not counted: an hour after the first granted one, one more is allowed.
    t.setNow(new Date(start.getTime() + 61 * MINUTE));
    await ask('limited@example.org');
    await work();
    expect(sent).toHaveLength(4);
  });

  it('sends one link per case for an address used on several reports, and none to revoked access', async () => {
    const first = await makeCase(t, { contactEmail: 'several@example.org' });
    const second = await makeCase(t, { contactEmail: 'several@example.org' });
    const revoked = await makeCase(t, { contactEmail: 'several@example.org' });
    await revokeReporterAccess(t, revoked.id);
    await work();
    sent.length = 0;
    await ask('several@example.org');
    await work();
    expect(sent.map((m) => m.subject).sort()).toEqual([first.reference, second.reference].sort().map((r) => `Your sign-in link for the report ${r}`));
    expect(await listJobs(t.ctx.db, SIGN_IN_LINK_EMAIL_JOB)).toHaveLength(2);
  });

  it('refuses a malformed address beside its field, storing nothing', async () => {
    const before = await tableCounts(t);
    const response = await ask('not an address <b>');
    expect(response.statusCode).toBe(400);
    expectHtmlPageHeaders(response);
    expect(response.body).toContain(escaped(t_('status.lost.error.email')));
    expect(response.body).toContain('value="not an address &lt;b&gt;"');
    expect(await tableCounts(t)).toEqual(before);
  });

  it('finds addresses sealed before the blind index existed once the worker has indexed them', async () => {
    const report = await fileReport(t, { contactEmail: 'older@example.org' });
    await work();
    // Raw: stages a row written before migration 0015, which no service writes any more.
    await t.ctx.db.updateTable('case_parties').set({ contact_email_index: null }).where('contact_email_enc', 'is not', null).execute();
    sent.length = 0;
    await ask('older@example.org');
    await work();
    expect(sent).toEqual([]);
    expect((await sweepIntakeSecrets(t.ctx)).indexed).toBeGreaterThan(0);
    t.setNow(new Date(start.getTime() + MINUTE));
    await ask('older@example.org');
    await work();
    expect(sent.map((m) => m.subject)).toEqual([`Your sign-in link for the report ${report.reference}`]);
    expect((await sweepIntakeSecrets(t.ctx)).indexed).toBe(0);
  });

  it('writes the email in one language: a report in Arabic gets English words and an English date until Arabic has a catalog', async () => {
    await fileReport(t, { contactEmail: 'arabic@example.org', language: 'ar' });
    await work();
    const receipt = sent.find((m) => m.to === 'arabic@example.org');
    sent.length = 0;
    await ask('arabic@example.org');
    await work();
    const link = sent.find((m) => m.to === 'arabic@example.org');
    for (const mail of [receipt, link]) {
      expect(mail?.text).toBeDefined();
      expect(mail?.text).not.toMatch(/[\u0600-\u06FF]/);
    }
    const due = new Date(start.getTime() + 72 * 3_600_000);
    expect(receipt?.text).toContain(new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(due));
    const expires = new Date(start.getTime() + 30 * MINUTE);
    expect(link?.text).toContain(new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(expires));
  });

  it('shows a dead-link page for a link without a token or with one Haven never made', async () => {
    const empty = await t.app.inject({ method: 'GET', url: '/status/link' });
    expect(empty.statusCode).toBe(404);
    expect(empty.body).toContain(escaped(t_('status.link.again')));
    const madeUp = await t.app.inject({ method: 'POST', url: '/status/link', headers: FORM, payload: form({ token: 'A'.repeat(43) }) });
    expect(madeUp.statusCode).toBe(401);
    expect(madeUp.cookies.find((c) => c.name === 'haven_reporter')).toBeUndefined();
  });
});
