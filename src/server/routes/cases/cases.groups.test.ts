import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport, type FiledReport } from '../../../../tests/support/intake.js';
import { findCase } from '../../../db/repositories/cases.js';
import type { QueueResponse as QueueBody } from '../../../shared/api/cases.js';
import { claimDueJobs, listJobs } from '../../../db/repositories/jobs.js';
import { addGroupMember } from '../../../db/repositories/staff.js';
import { CHECK_IN_DAYS } from '../../../domain/update-promises.js';
import { createStaffUser } from '../../../services/create-staff-user.js';
import { runCaseReminder } from '../../../services/run-case-reminder.js';
import {
  CASE_REMINDER_JOB, STAFF_REMINDER_EMAIL_JOB, type CaseReminderPayload, type StaffReminderPayload,
} from '../../../services/job-kinds.js';

const GROUP = 'trust-and-safety';
const DAY = 86_400_000;


// A restricted case is open to the members of its group and invisible to everyone else.
describe.each(testDialects())('restricted cases and group members on %s', (dialect) => {
  const start = new Date('2026-03-02T10:00:00.000Z');
  let t: TestApp;
  let member: SignedIn;
  let outsider: SignedIn;
  let restricted: FiledReport;
  let open: FiledReport;

  const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const references = async (url: string, who: SignedIn) => (await get(url, who)).json<QueueBody>().cases.map((c) => c.reference);
  const caseIdOf = async (report: FiledReport) => (await findCase(t.ctx.db, { reference: report.reference }))?.id ?? '';

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    member = await signInAs(t, 'handler');
    outsider = await signInAs(t, 'handler');
    restricted = await fileReport(t, { category: 'self_harm', description: 'A restricted report about a quiet otter.' });
    open = await fileReport(t, { category: 'self_harm', description: 'An open report about a quiet otter.' });
    await t.ctx.db.updateTable('cases').set({ restricted_to_group: GROUP }).where('reference', '=', restricted.reference).execute();
    // Joined after signing in: the membership counts from the next request, not the next session.
    await addGroupMember(t.ctx.db, { groupId: GROUP, userId: member.userId, now: start });
  });
  afterAll(async () => { await t.close(); });

  it('lets a member see the case in the queue, a filter and a search, and open it', async () => {
    expect(await references('/api/v1/cases?limit=100', member)).toContain(restricted.reference);
    expect(await references('/api/v1/cases?limit=100&category=self_harm', member)).toEqual(expect.arrayContaining([restricted.reference, open.reference]));
    expect(await references('/api/v1/cases?limit=100&q=otter', member)).toEqual(expect.arrayContaining([restricted.reference, open.reference]));
    const view = await get(`/api/v1/cases/${restricted.reference}`, member);
    expect(view.statusCode).toBe(200);
    expect(view.json<{ case: { reportText: string } }>().case.reportText).toBe(restricted.input.description);
  });

  it('answers a non-member exactly as for a case that does not exist, and leaves it out of every list', async () => {
    const missing = await get('/api/v1/cases/HV-2026-999999', outsider);
    const view = await get(`/api/v1/cases/${restricted.reference}`, outsider);
    expect(view.statusCode).toBe(404);
    expect(view.json()).toEqual(missing.json());
    for (const url of ['/api/v1/cases?limit=100', '/api/v1/cases?limit=100&category=self_harm', '/api/v1/cases?limit=100&q=otter']) {
      const seen = await references(url, outsider);
      expect(seen, url).toContain(open.reference);
      expect(seen, url).not.toContain(restricted.reference);
    }
  });

  it('sends a reminder about a restricted case to its members only', async () => {
    const password = 'a long enough password';
    const mailMember = await createStaffUser(t.ctx, { username: 'member-with-mail', role: 'handler', password, email: 'member@example.org' }, null);
    const mailOutsider = await createStaffUser(t.ctx, { username: 'outsider-with-mail', role: 'handler', password, email: 'outsider@example.org' }, null);
    await addGroupMember(t.ctx.db, { groupId: GROUP, userId: mailMember.id, now: start });
    // A reply without a promise starts a week's check-in clock on each case; nobody holds either,
    // so each reminder goes to everyone who may work the case.
    for (const report of [restricted, open]) {
      const kase = (await get(`/api/v1/cases/${report.reference}`, member)).json<{ case: { parties: { id: string; role: string }[] } }>().case;
      const reply = await t.app.inject({
        method: 'POST', url: `/api/v1/cases/${report.reference}/replies`, headers: { cookie: member.cookie, 'x-csrf-token': member.csrfToken },
        payload: { partyId: kase.parties.find((p) => p.role === 'reporter')?.id, body: 'We have read your report and are looking into it.' },
      });
      expect(reply.statusCode).toBe(201);
    }
    t.setNow(new Date(start.getTime() + CHECK_IN_DAYS * DAY));
    const due = await claimDueJobs(t.ctx.db, t.ctx.dialect, { workerId: 'w1', now: t.ctx.now(), leaseMs: 30_000, limit: 100 });
    const recipients = new Map<string, string[]>();
    for (const report of [restricted, open]) {
      const caseId = await caseIdOf(report);
      const job = due.find((j) => j.kind === CASE_REMINDER_JOB && (j.payload as CaseReminderPayload).caseId === caseId);
      if (job === undefined) throw new Error(`no reminder due for ${report.reference}`);
      expect(await runCaseReminder(t.ctx, { id: job.id, workerId: 'w1' }, job.payload as CaseReminderPayload)).toBe('reminded');
      const emails = (await listJobs(t.ctx.db, STAFF_REMINDER_EMAIL_JOB)).map((j) => j.payload as StaffReminderPayload);
      recipients.set(report.reference, emails.filter((p) => p.caseId === caseId).map((p) => p.staffId).sort());
    }
    expect(recipients.get(restricted.reference)).toEqual([mailMember.id]);
    expect(recipients.get(open.reference)).toEqual([mailMember.id, mailOutsider.id].sort());
  });
});
