import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type SignedIn, type TestApp } from '../../tests/support/test-app.js';
import { fileReport, type FiledReport } from '../../tests/support/intake.js';
import { startSmtp } from '../../tests/support/smtp-server.js';
import { smtpMailer, type Mailer } from '../integrations/mail/mailer.js';
import { makeCase, makeStaff, signInStaff } from '../../tests/support/factories.js';
import { findCase } from '../db/repositories/cases.js';
import { listEvents } from '../db/repositories/case-events.js';
import { listJobs } from '../db/repositories/jobs.js';
import { CASE_REMINDER_JOB, STAFF_REMINDER_EMAIL_JOB } from '../services/job-kinds.js';
import { CHECK_IN_DAYS, ESCALATION_HOURS } from '../domain/update-promises.js';
import { runCaseReminder } from '../services/run-case-reminder.js';
import { claimDueJobs, startJob } from '../db/repositories/jobs.js';
import { runDueJobs, type WorkerDeps } from './worker.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Unfolds quoted-printable soft line breaks so a search sees the text as written. */
const unfold = (data: string): string => data.replace(/=\r?\n/g, '');

describe.each(testDialects())('reminders of promised updates on %s', (dialect) => {
  const start = new Date('2026-06-01T08:00:00.000Z');
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  let handler: SignedIn;
  let deps: WorkerDeps;
  const addresses = { handler: 'handler-on-desk@example.org', colleague: 'colleague-on-desk@example.org' };

  async function drain(worker = 'worker-a'): Promise<void> {
    while ((await runDueJobs(t.ctx, deps, worker)) > 0) { /* until nothing is due */ }
  }
  async function replyTo(report: FiledReport, body: string, promiseUpdateBy?: Date) {
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${report.reference}`, headers: { cookie: handler.cookie } });
    const partyId = view.json<{ case: { parties: { id: string; role: string }[] } }>().case.parties.find((p) => p.role === 'reporter')?.id;
    const response = await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${report.reference}/replies`,
      headers: { cookie: handler.cookie, 'x-csrf-token': handler.csrfToken },
      payload: { partyId, body, ...(promiseUpdateBy === undefined ? {} : { promiseUpdateBy: promiseUpdateBy.toISOString() }) },
    });
    if (response.statusCode !== 201) throw new Error(`reply failed: ${response.statusCode} ${response.body}`);
  }
  async function eventsOf(report: FiledReport): Promise<string[]> {
    const kase = await findCase(t.ctx.db, { reference: report.reference });
    return (await listEvents(t.ctx.db, kase?.id ?? '')).map((e) => e.type);
  }
  async function assignToHandler(report: FiledReport): Promise<void> {
    await t.app.inject({ method: 'POST', url: `/api/v1/cases/${report.reference}/assign`, headers: { cookie: handler.cookie, 'x-csrf-token': handler.csrfToken } });
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    smtp = await startSmtp();
    mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Haven <haven@localhost>');
    deps = { mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog };
    handler = await signInStaff(t, await makeStaff(t, { role: 'handler', email: addresses.handler }));
    await makeStaff(t, { username: 'colleague', role: 'handler', email: addresses.colleague });
    // A reviewer cannot act on a case, so is never asked to: no reminder for them.
    await makeStaff(t, { username: 'reader', role: 'reviewer', email: 'reviewer@example.org' });
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

  it('reminds the assignee when a promise falls due, then the whole desk a day later, each once', async () => {
    const report = await fileReport(t);
    await assignToHandler(report);
    const promise = new Date(start.getTime() + 2 * DAY);
    await replyTo(report, 'We will write again on Wednesday.', promise);
    await drain();
    expect(smtp.received).toHaveLength(0);

    t.setNow(new Date(promise.getTime() - 1));
    await drain();
    expect(await eventsOf(report)).not.toContain('promised_update_due');

    t.setNow(promise);
    await drain();
    await drain('worker-b');
    expect((await eventsOf(report)).filter((e) => e === 'promised_update_due')).toHaveLength(1);
    expect(smtp.received.map((m) => m.to)).toEqual([[addresses.handler]]);
    const text = unfold(smtp.received[0]?.data ?? '');
    expect(text).toContain(report.reference);
    expect(text).toContain(`http://localhost:3000/desk/cases/${report.reference}`);
    expect(text).not.toContain(report.input.description.slice(0, 40));

    t.setNow(new Date(promise.getTime() + ESCALATION_HOURS * HOUR));
    await drain('worker-b');
    expect((await eventsOf(report)).filter((e) => e === 'promised_update_overdue')).toHaveLength(1);
    expect(smtp.received.slice(1).flatMap((m) => m.to).sort()).toEqual([addresses.colleague, addresses.handler].sort());

    // Nothing more is scheduled for this promise: a week later, no further reminders.
    t.setNow(new Date(promise.getTime() + 7 * DAY));
    await drain();
    expect(smtp.received).toHaveLength(3);
  });

  it('stays quiet when the promise was kept by a reply before it fell due', async () => {
    const report = await fileReport(t);
    await assignToHandler(report);
    const promise = new Date(start.getTime() + DAY);
    await replyTo(report, 'Tomorrow, then.', promise);
    t.setNow(new Date(start.getTime() + 6 * HOUR));
    await replyTo(report, 'As promised: here is where things stand.');
    t.setNow(new Date(promise.getTime() + ESCALATION_HOURS * HOUR + 1));
    await drain();
    const events = await eventsOf(report);
    expect(events.some((e) => e.startsWith('promised_update_'))).toBe(false);
    expect(smtp.received).toHaveLength(0);
    const kase = await findCase(t.ctx.db, { reference: report.reference });
    const reminders = (await listJobs(t.ctx.db, CASE_REMINDER_JOB)).filter((j) => JSON.stringify(j.payload).includes(kase?.id ?? '?'));
    // The kept promise's reminder ran and did nothing; the check-in the second reply set is still ahead.
    expect(reminders.map((j) => [(j.payload as { clock: string }).clock, j.status])).toEqual([['promised_update', 'done'], ['check_in', 'pending']]);
  });

  it('reminds the whole desk at once when nobody holds the case, after a quiet week', async () => {
    const report = await fileReport(t);
    await replyTo(report, 'Thank you for telling us; we are reading it now.');
    t.setNow(new Date(start.getTime() + CHECK_IN_DAYS * DAY));
    await drain();
    expect((await eventsOf(report)).filter((e) => e === 'check_in_due')).toHaveLength(1);
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([addresses.colleague, addresses.handler].sort());
    const kase = await findCase(t.ctx.db, { reference: report.reference });
    const emails = (await listJobs(t.ctx.db, STAFF_REMINDER_EMAIL_JOB)).filter((j) => JSON.stringify(j.payload).includes(kase?.id ?? '?'));
    expect(emails.map((j) => j.status)).toEqual(['done', 'done']);
  });

  it('tells a reporter who left an address that a reply waits, without the reply or the code', async () => {
    const address = 'reporter-notice@example.org';
    const report = await fileReport(t, { contactEmail: address });
    await drain();
    smtp.received.length = 0;
    const promise = new Date(start.getTime() + 3 * DAY);
    const body = 'A very particular sentence that belongs only on the status page.';
    await replyTo(report, body, promise);
    await drain();
    expect(smtp.received.map((m) => m.to)).toEqual([[address]]);
    const text = unfold(smtp.received[0]?.data ?? '');
    expect(text).toContain(report.reference);
    expect(text).toContain('http://localhost:3000/status');
    expect(text).not.toContain(body.slice(0, 30));
    expect(text).not.toContain(report.accessCode);
    expect(text).not.toContain(report.accessCode.replace(/-/g, ''));
  });

  it('runs a reminder job once even if a worker tries it again after committing', async () => {
    const report = await fileReport(t);
    await replyTo(report, 'We will write by the end of the day.', new Date(start.getTime() + 8 * HOUR));
    t.setNow(new Date(start.getTime() + 8 * HOUR));
    const [job] = (await claimDueJobs(t.ctx.db, t.ctx.dialect, { workerId: 'w1', now: t.ctx.now(), leaseMs: 30_000, limit: 10 }))
      .filter((j) => j.kind === CASE_REMINDER_JOB);
    if (job === undefined) throw new Error('no reminder job was due');
    expect(await startJob(t.ctx.db, { id: job.id, workerId: 'w1', now: t.ctx.now(), leaseMs: 30_000 })).toBe(true);
    const payload = job.payload as Parameters<typeof runCaseReminder>[2];
    expect(await runCaseReminder(t.ctx, { id: job.id, workerId: 'w1' }, payload)).toBe('reminded');
    // The same worker, or one that believes it holds the job, cannot repeat what has committed.
    expect(await runCaseReminder(t.ctx, { id: job.id, workerId: 'w1' }, payload)).toBe('lease_lost');
    expect(await runCaseReminder(t.ctx, { id: job.id, workerId: 'w2' }, payload)).toBe('lease_lost');
    expect((await eventsOf(report)).filter((e) => e === 'promised_update_due')).toHaveLength(1);
  });

  async function addAsReporter(report: FiledReport, text: string): Promise<void> {
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: report.accessCode } });
    const cookie = opened.cookies.find((c) => c.name === 'haven_reporter');
    const added = await t.app.inject({
      method: 'POST', url: '/api/v1/reporter/case/updates',
      headers: { cookie: `haven_reporter=${cookie?.value ?? ''}`, 'x-csrf-token': opened.json<{ csrfToken: string }>().csrfToken },
      payload: { text },
    });
    if (added.statusCode >= 300) throw new Error(`adding information failed: ${added.statusCode} ${added.body}`);
  }

  it('owes the reporter an answer when they write again, and reminds when none comes', async () => {
    const report = await fileReport(t, { category: 'hounding', immediateDanger: false });
    await assignToHandler(report);
    await replyTo(report, 'Thank you; we are looking into it.');
    const kase = await findCase(t.ctx.db, { reference: report.reference });
    expect(kase?.urgentAt.getTime()).toBe(start.getTime() + CHECK_IN_DAYS * DAY);

    const wroteAt = new Date(start.getTime() + 2 * HOUR);
    t.setNow(wroteAt);
    await addAsReporter(report, 'It happened again this morning, on a different page.');
    // A normal case's first-response window, 72 hours, written out so that a changed policy fails here.
    const owedBy = new Date(wroteAt.getTime() + 72 * HOUR);
    expect((await findCase(t.ctx.db, { reference: report.reference }))?.urgentAt.toISOString()).toBe(owedBy.toISOString());

    t.setNow(owedBy);
    await drain();
    expect((await eventsOf(report)).filter((e) => e === 'reply_owed_due')).toHaveLength(1);
    // Earlier tests' clocks fall due in the same stretch of time; look at this case's mail only.
    const mine = smtp.received.filter((m) => m.data.includes(`X-Haven-Case: ${report.reference}`));
    expect(mine.map((m) => m.to)).toEqual([[addresses.handler]]);
    // The check-in the first reply set is stale now: the deadline moved, so it stays quiet.
    t.setNow(new Date(start.getTime() + CHECK_IN_DAYS * DAY));
    await drain();
    expect((await eventsOf(report)).some((e) => e.startsWith('check_in_'))).toBe(false);
  });

  it('reopens a closed case when the reporter adds information', async () => {
    const report = await makeCase(t, { status: 'closed', outcome: 'non_actionable', closedAt: start });
    t.setNow(new Date(start.getTime() + HOUR));
    await addAsReporter(report, 'There is more now; please look again.');
    const kase = await findCase(t.ctx.db, { reference: report.reference });
    expect([kase?.status, kase?.outcome, kase?.closedAt]).toEqual(['investigating', null, null]);
    expect(await eventsOf(report)).toContain('status_changed');
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/cases?status=investigating&limit=100', headers: { cookie: handler.cookie } });
    expect(queue.json<{ cases: { reference: string }[] }>().cases.map((c) => c.reference)).toContain(report.reference);
  });
});
