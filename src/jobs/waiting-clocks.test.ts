import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type SignedIn, type TestApp } from '../../tests/support/test-app.js';
import { startSmtp } from '../../tests/support/smtp-server.js';
import { makeCase, makeStaff, signInStaff, type MadeCase, type MadeStaff } from '../../tests/support/factories.js';
import { smtpMailer, type Mailer } from '../integrations/mail/mailer.js';
import { findCase } from '../db/repositories/cases.js';
import { listEvents } from '../db/repositories/case-events.js';
import { postAs, postForm, reporterPage, reporterPartyId } from '../server/routes/cases/case-work.test-helpers.js';
import { runDueJobs, type WorkerDeps } from './worker.js';

// The clocks of a waiting case, on an injected clock: waiting stops them, the reporter's answer
// resumes them with the time they had left, and the silence reminder fires once.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const unfold = (data: string): string => data.replace(/=\r?\n/g, '');

describe.each(testDialects())('waiting clocks on %s', (dialect) => {
  const start = new Date('2026-05-04T08:00:00.000Z');
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  let deps: WorkerDeps;
  let handler: SignedIn;
  let made: MadeStaff;
  const handlerEmail = 'waiting-handler@example.org';

  /** Moves the clock; the handler signs in again, as a session does not last days. */
  const at = async (ms: number) => {
    t.setNow(new Date(start.getTime() + ms));
    handler = await signInStaff(t, made);
  };
  const drain = async () => { while ((await runDueJobs(t.ctx, deps, 'worker-w')) > 0) { /* until nothing is due */ } };
  const caseOf = async (c: MadeCase) => (await findCase(t.ctx.db, { id: c.id }))!;
  const eventTypes = async (c: MadeCase) => (await listEvents(t.ctx.db, c.id)).map((e) => e.type);

  /** A case its handler answered with a promise three days out, then started investigating. */
  async function promisedCase(): Promise<{ c: MadeCase; promise: Date }> {
    const c = await makeCase(t, { assigneeId: handler.userId, contactEmail: 'reporter-waits@example.org' });
    const promise = new Date(t.ctx.now().getTime() + 3 * DAY);
    const replied = await postAs(t, handler, `/api/v1/cases/${c.reference}/replies`, {
      partyId: await reporterPartyId(t, c.id), body: 'Thank you. We will look at the messages you sent.', promiseUpdateBy: promise.toISOString(),
    });
    expect(replied.statusCode).toBe(201);
    expect((await postAs(t, handler, `/api/v1/cases/${c.reference}/status`, { to: 'investigating' })).statusCode).toBe(200);
    return { c, promise };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    smtp = await startSmtp();
    mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Haven <haven@localhost>');
    deps = { mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog };
    made = await makeStaff(t, { role: 'handler', email: handlerEmail });
    handler = await signInStaff(t, made);
    await makeStaff(t, { role: 'handler', email: 'colleague-waits@example.org' });
  });
  afterAll(async () => {
    mailer.close();
    await smtp.close();
    await t.close();
  });
  afterEach(async () => {
    await drain();
    smtp.received.length = 0;
    t.setNow(start);
  });

  it('stops the clocks while waiting and resumes them, shifted by the wait, when the reporter answers', async () => {
    const { c, promise } = await promisedCase();
    await drain();
    smtp.received.length = 0;
    await at(1 * DAY);
    expect((await postAs(t, handler, `/api/v1/cases/${c.reference}/status`, { to: 'waiting', waitingOn: 'reporter' })).statusCode).toBe(200);
    const waiting = await caseOf(c);
    // The queue now orders the case by its silence reminder, a week out, not by the stopped promise.
    expect(waiting.urgentAt.getTime()).toBe(start.getTime() + 8 * DAY);
    expect(waiting.waiting?.pausedClockDueAt.getTime()).toBe(promise.getTime());

    // The promise's moment passes while waiting: nobody is reminded of it.
    await at(4 * DAY);
    await drain();
    expect(await eventTypes(c)).not.toContain('promised_update_due');
    expect(smtp.received).toHaveLength(0);

    // Five days into the wait the reporter writes on the status page.
    await at(6 * DAY);
    const reporter = await reporterPage(t, c.accessCode);
    const added = await postForm(t, reporter, '/status/updates', { text: 'Here is the link to the second thread.', links: '' });
    expect(added.statusCode).toBe(303);
    const resumed = await caseOf(c);
    expect(resumed.status).toBe('investigating');
    expect(resumed.waiting).toBeNull();
    // The promise had two days left when the wait began; it has two days left again.
    expect(resumed.nextUpdateDueAt?.getTime()).toBe(promise.getTime() + 5 * DAY);
    expect(resumed.urgentAt.getTime()).toBeLessThanOrEqual(promise.getTime() + 5 * DAY);
    const types = await eventTypes(c);
    expect(types.slice(-3)).toEqual(['reporter_added_information', 'status_changed', 'waiting_ended']);

    // The assignee is told, by email through the outbox.
    await drain();
    expect(smtp.received.map((m) => m.to)).toEqual([[handlerEmail]]);
    const text = unfold(smtp.received[0]?.data ?? '');
    expect(text).toContain(c.reference);
    expect(text).not.toContain('second thread');

    // The silence reminder set for day 8 finds the wait over and does nothing.
    await at(8 * DAY);
    await drain();
    expect(await eventTypes(c)).not.toContain('waiting_silence_due');
  });

  it('reminds once after the days of silence, and never again', async () => {
    const { c } = await promisedCase();
    await drain();
    smtp.received.length = 0;
    expect((await postAs(t, handler, `/api/v1/cases/${c.reference}/status`, { to: 'waiting', waitingOn: 'outside_venue', remindAfterDays: 2 })).statusCode).toBe(200);
    await at(2 * DAY - 1);
    await drain();
    expect(await eventTypes(c)).not.toContain('waiting_silence_due');
    await at(2 * DAY);
    await drain();
    expect((await eventTypes(c)).filter((e) => e === 'waiting_silence_due')).toHaveLength(1);
    expect(smtp.received.map((m) => m.to)).toEqual([[handlerEmail]]);
    for (const later of [3 * DAY, 10 * DAY, 40 * DAY]) {
      await at(later);
      await drain();
    }
    const types = await eventTypes(c);
    expect(types.filter((e) => e.startsWith('waiting_silence'))).toEqual(['waiting_silence_due']);
    expect(types.filter((e) => e.startsWith('promised_update'))).toEqual([]);
    // Other tests' cases may remind meanwhile; this case's mail is the one reminder.
    expect(smtp.received.filter((m) => m.data.includes(c.reference))).toHaveLength(1);
    expect((await caseOf(c)).status).toBe('waiting');
  });

  it('resumes the clock when the handler ends the wait, without waiting for the reporter', async () => {
    const { c, promise } = await promisedCase();
    await at(1 * DAY);
    await postAs(t, handler, `/api/v1/cases/${c.reference}/status`, { to: 'waiting', waitingOn: 'target' });
    await at(3 * DAY);
    const response = await postAs(t, handler, `/api/v1/cases/${c.reference}/status`, { to: 'investigating' });
    expect(response.statusCode).toBe(200);
    const resumed = await caseOf(c);
    expect(resumed.urgentAt.getTime()).toBe(promise.getTime() + 2 * DAY);
    await at(2 * DAY + 3 * DAY - 1);
    await drain();
    expect(await eventTypes(c)).not.toContain('promised_update_due');
    await at(2 * DAY + 3 * DAY);
    await drain();
    expect((await eventTypes(c)).filter((e) => e === 'promised_update_due')).toHaveLength(1);
  });
});
