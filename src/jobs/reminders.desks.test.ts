import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { grantRole, makeCase, makeDesk, makeMessage, makeStaff, staffActor, type MadeStaff } from '../../tests/support/factories.js';
import type { Mailer, OutgoingMail } from '../integrations/mail/mailer.js';
import { claimDueJobs, listJobs } from '../db/repositories/jobs.js';
import { CHECK_IN_DAYS } from '../domain/update-promises.js';
import { deliverCaseEmail } from '../services/deliver-case-email.js';
import { revokeDeskRole } from '../services/revoke-desk-role.js';
import { runCaseReminder } from '../services/run-case-reminder.js';
import { sweepFirstResponseClocks } from '../services/sweep-first-response-clocks.js';
import {
  CASE_REMINDER_JOB, STAFF_REMINDER_EMAIL_JOB, type CaseReminderPayload, type StaffReminderPayload,
} from '../services/job-kinds.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

// Reminders reach the staff of the case's desk only; a role taken away since a reminder was
// queued takes its email with it. The first-response sweep covers every desk.
describe.each(testDialects())('reminders and desks on %s', (dialect) => {
  const start = new Date('2026-05-04T09:00:00.000Z');
  let t: TestApp;
  const staff: Record<string, MadeStaff> = {};
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = { send: (mail) => { sent.push(mail); return Promise.resolve(); }, close: () => undefined };

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    // The first sweep sets the mark that later sweeps measure from.
    await sweepFirstResponseClocks(t.ctx);
    const events = await makeDesk(t, { slug: 'events' });
    staff.mainHandler = await makeStaff(t, { role: 'handler', email: 'main-handler@example.org' });
    staff.eventsHandler = await makeStaff(t, { role: 'handler', desk: events, email: 'events-handler@example.org' });
    staff.bothAdmin = await makeStaff(t, { role: 'admin', desk: events, email: 'both-admin@example.org' });
    await grantRole(t, staff.bothAdmin, 'main', 'admin');
  });
  afterAll(async () => { await t.close(); });

  async function dueReminders(caseId: string) {
    const due = await claimDueJobs(t.ctx.db, t.ctx.dialect, { workerId: 'w1', now: t.ctx.now(), leaseMs: 30_000, limit: 100 });
    return due.filter((j) => j.kind === CASE_REMINDER_JOB && (j.payload as CaseReminderPayload).caseId === caseId);
  }
  const emailsFor = async (caseId: string) => (await listJobs(t.ctx.db, STAFF_REMINDER_EMAIL_JOB))
    .filter((j) => (j.payload as StaffReminderPayload).caseId === caseId);

  it('reminds the staff of the case\'s desk, and nobody of another desk', async () => {
    const kase = await makeCase(t, { desk: 'main' });
    await makeMessage(t, kase, { author: { id: staff.mainHandler!.id } });
    t.setNow(new Date(start.getTime() + CHECK_IN_DAYS * DAY));
    const [job] = await dueReminders(kase.id);
    if (job === undefined) throw new Error('no reminder due');
    expect(await runCaseReminder(t.ctx, { id: job.id, workerId: 'w1' }, job.payload as CaseReminderPayload)).toBe('reminded');
    const recipients = (await emailsFor(kase.id)).map((j) => (j.payload as StaffReminderPayload).staffId).sort();
    expect(recipients).toEqual([staff.mainHandler!.id, staff.bothAdmin!.id].sort());

    // The handler's role on the desk is taken away before the emails go out: theirs is not sent.
    await revokeDeskRole(t.ctx, { username: staff.mainHandler!.username, desk: 'main' }, null);
    expect((await staffActor(t, staff.mainHandler!.id)).roles.size).toBe(0);
    const outcomes = new Map<string, string>();
    for (const email of await emailsFor(kase.id)) {
      const payload = email.payload as StaffReminderPayload;
      outcomes.set(payload.staffId, await deliverCaseEmail(t.ctx, { mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost' }, email.id,
        { kind: STAFF_REMINDER_EMAIL_JOB, payload }));
    }
    expect(outcomes.get(staff.mainHandler!.id)).toBe('skipped');
    expect(outcomes.get(staff.bothAdmin!.id)).toBe('sent');
    expect(sent.map((m) => m.to)).toEqual(['both-admin@example.org']);
  });

  it('sweeps new reports past their first-response time on every desk', async () => {
    t.setNow(start);
    const onMain = await makeCase(t, { desk: 'main', severity: 'high' });
    const onEvents = await makeCase(t, { desk: 'events', severity: 'high' });
    t.setNow(new Date(start.getTime() + 25 * HOUR));
    expect(await sweepFirstResponseClocks(t.ctx)).toBeGreaterThanOrEqual(2);
    const swept = (await listJobs(t.ctx.db, CASE_REMINDER_JOB)).map((j) => j.payload as CaseReminderPayload)
      .filter((p) => p.clock === 'first_response').map((p) => p.caseId);
    expect(swept).toEqual(expect.arrayContaining([onMain.id, onEvents.id]));
  });
});
