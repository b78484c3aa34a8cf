import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { fileReport } from '../../tests/support/intake.js';
import { startRestartableSmtp } from '../../tests/support/smtp-server.js';
import { smtpMailer, type Mailer } from '../integrations/mail/mailer.js';
import { requestSignInLink } from '../services/request-sign-in-link.js';
import { makeCase, makeStaff, signInStaff } from '../../tests/support/factories.js';
import { postAs, postForm, reporterPage } from '../server/routes/cases/case-work.test-helpers.js';
import { retryDelayMs, startWorker } from './worker.js';

// What docs/OPERATIONS.md promises about an outage of the SMTP relay, shown with the real worker
// loop, the real pooled SMTP mailer and a real SMTP server on loopback that refuses connections
// for a minute. The minute passes on the injected clock, which is what the worker schedules its
// retries by, so the test takes seconds: the clock moves 5 seconds at a time, and each time the
// worker loop (ticking every 10 ms of real time) is left to do whatever is due at that moment.

const start = new Date('2026-03-02T10:00:00.000Z');
const SECOND = 1_000;
const STEP = 5 * SECOND;
const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDialects())('email through a one-minute SMTP outage on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startRestartableSmtp>>;
  let mailer: Mailer;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    smtp = await startRestartableSmtp();
    mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Haven <haven@localhost>');
  });
  afterAll(async () => {
    mailer.close();
    await smtp.close();
    await t.close();
  });

  it('loses no email, sends none twice, and resumes delivery by itself', async () => {
    const elapsed = () => t.ctx.now().getTime() - start.getTime();
    const deliveredAt = new Map<string, number>();
    let outageEnd = Number.POSITIVE_INFINITY;
    const worker = startWorker(t.ctx, { mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog, sweepIntervalMs: 3_600_000 }, 10);
    /** Whether the worker has done everything due at this moment (sent it, or failed it until later). */
    const caughtUp = async () => (await t.ctx.db.selectFrom('jobs').select('id')
      .where('status', 'in', ['pending', 'running', 'started']).where('run_at', '<=', t.ctx.now().toISOString()).execute()).length === 0;
    /** Moves the clock one step and waits for the worker to catch up; notes when each message arrived. */
    const step = async () => {
      t.setNow(new Date(start.getTime() + elapsed() + STEP));
      do await sleep(10); while (!(await caughtUp()));
      for (const m of smtp.received) if (!deliveredAt.has(m.messageId)) deliveredAt.set(m.messageId, elapsed());
    };
    try {
      // Before the outage, mail flows.
      await fileReport(t, { contactEmail: 'before@example.org' });
      while (smtp.received.length < 1) await step();

      await smtp.down();
      const outageStart = elapsed();
      outageEnd = outageStart + 60 * SECOND;
      await fileReport(t, { contactEmail: 'during-1@example.org' });
      await fileReport(t, { contactEmail: 'during-2@example.org' });
      let filedMidway = false;
      while (elapsed() < outageEnd) {
        await step();
        if (!filedMidway && elapsed() >= outageStart + 30 * SECOND) {
          // Mid-outage: a new report, and a lost-code request whose link email waits in line too.
          await fileReport(t, { contactEmail: 'during-3@example.org' });
          await requestSignInLink(t.ctx, 'during-1@example.org');
          filedMidway = true;
        }
      }
      expect(smtp.received).toHaveLength(1);
      const duringOutage = await t.ctx.db.selectFrom('jobs').select(['kind', 'status', 'attempts', 'last_error']).where('kind', 'like', 'email.%').where('status', '!=', 'done').execute();
      expect(duringOutage.length).toBe(4);
      // They were tried and refused, and wait for their next turn; nobody gave up on them.
      expect(duringOutage.every((j) => j.status === 'pending' && j.attempts >= 1 && /ECONNREFUSED/.test(j.last_error ?? ''))).toBe(true);

      await smtp.up();
      const deadline = outageEnd + 15 * 60 * SECOND;
      const pending = async () => (await t.ctx.db.selectFrom('jobs').select('id').where('status', '!=', 'done').execute()).length;
      while ((await pending()) > 0 && elapsed() < deadline) await step();
    } finally {
      await worker.stop();
    }

    const jobs = await t.ctx.db.selectFrom('jobs').select(['id', 'kind', 'status', 'attempts', 'interrupted_deliveries']).where('kind', 'like', 'email.%').execute();
    expect(jobs).toHaveLength(5);
    // None lost: every email job is done and its message arrived; none twice: one message per job.
    expect(jobs.every((j) => j.status === 'done' && j.interrupted_deliveries === 0)).toBe(true);
    const ids = smtp.received.map((m) => m.messageId);
    expect(ids.slice().sort()).toEqual(jobs.map((j) => `<${j.id}@localhost>`).sort());
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(
      ['before@example.org', 'during-1@example.org', 'during-1@example.org', 'during-2@example.org', 'during-3@example.org'],
    );
    // By itself: with no one resetting anything, every email left within the retry schedule's
    // next step after the relay came back (the longest wait a job can be in at that point).
    const maxAttempts = Math.max(...jobs.map((j) => j.attempts));
    expect(maxAttempts).toBeGreaterThan(1);
    expect(Math.max(...deliveredAt.values())).toBeLessThanOrEqual(outageEnd + retryDelayMs(maxAttempts - 1) + STEP);
  });
  it('holds silence reminders, withdrawal notices and staff notices through an outage, then sends each once', async () => {
    const origin = t.ctx.now().getTime();
    const elapsed = () => t.ctx.now().getTime() - origin;
    const worker = startWorker(t.ctx, { mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog, sweepIntervalMs: 3_600_000 }, 10);
    const caughtUp = async () => (await t.ctx.db.selectFrom('jobs').select('id')
      .where('status', 'in', ['pending', 'running', 'started']).where('run_at', '<=', t.ctx.now().toISOString()).execute()).length === 0;
    const step = async () => {
      t.setNow(new Date(origin + elapsed() + STEP));
      do await sleep(10); while (!(await caughtUp()));
    };
    const before = new Set((await t.ctx.db.selectFrom('jobs').select('id').execute()).map((j) => j.id));
    const staff = await makeStaff(t, { role: 'handler', email: 'outage-handler@example.org' });
    try {
      const handler = await signInStaff(t, staff);
      const waiting = await makeCase(t, { assigneeId: staff.id, status: 'investigating' });
      const withdrawing = await makeCase(t, { assigneeId: staff.id, status: 'investigating', contactEmail: 'outage-reporter@example.org' });
      // Due in one day and a minute: the outage will cover that moment.
      expect((await postAs(t, handler, `/api/v1/cases/${waiting.reference}/status`, { to: 'waiting', waitingOn: 'outside_venue', remindAfterDays: 1 })).statusCode).toBe(200);
      while (!(await caughtUp())) await sleep(10);
      const received = smtp.received.length;

      await smtp.down();
      t.setNow(new Date(origin + 24 * 3_600_000 - 30 * SECOND));
      const outageEnd = elapsed() + 60 * SECOND;
      const reporter = await reporterPage(t, withdrawing.accessCode);
      expect((await postForm(t, reporter, '/status/withdraw', { confirm: 'yes' })).statusCode).toBe(303);
      const again = await signInStaff(t, staff);
      expect((await postAs(t, again, `/api/v1/cases/${withdrawing.reference}/withdrawal/decision`, { decision: 'continue', message: 'We keep looking.' })).statusCode).toBe(200);
      while (elapsed() < outageEnd) await step();
      expect(smtp.received.length).toBe(received);
      const held = await t.ctx.db.selectFrom('jobs').select(['kind', 'status', 'attempts']).where('kind', 'like', 'email.%').where('status', '!=', 'done').execute();
      expect(held.map((j) => j.kind).sort()).toEqual(['email.staff_notice', 'email.staff_reminder', 'email.withdrawal_notice']);
      expect(held.every((j) => j.status === 'pending' && j.attempts >= 1)).toBe(true);

      await smtp.up();
      const pending = async () => (await t.ctx.db.selectFrom('jobs').select('id').where('kind', 'like', 'email.%').where('status', '!=', 'done').execute()).length;
      while ((await pending()) > 0 && elapsed() < outageEnd + 15 * 60 * SECOND) await step();
    } finally {
      await worker.stop();
    }
    const jobs = (await t.ctx.db.selectFrom('jobs').select(['id', 'kind', 'status', 'interrupted_deliveries']).where('kind', 'like', 'email.%').execute())
      .filter((j) => !before.has(j.id));
    expect(jobs.every((j) => j.status === 'done' && j.interrupted_deliveries === 0)).toBe(true);
    const mine = smtp.received.filter((m) => jobs.some((j) => m.messageId === `<${j.id}@localhost>`));
    // None lost, none twice: one message per job, each Message-ID once.
    expect(mine.map((m) => m.messageId).sort()).toEqual(jobs.map((j) => `<${j.id}@localhost>`).sort());
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(smtp.received.length);
    expect(mine.map((m) => m.to[0]).sort()).toEqual(
      ['outage-handler@example.org', 'outage-handler@example.org', 'outage-reporter@example.org', 'outage-reporter@example.org'],
    );
  });
});
