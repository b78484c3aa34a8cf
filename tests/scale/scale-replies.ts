import type { DatabaseHandle } from '../../src/db/connection.js';
import { CASE_REMINDER_JOB, STAFF_REMINDER_EMAIL_JOB } from '../../src/services/job-kinds.js';
import type { CheckList } from '../crash/harness/checks.js';
import type { HavenProcess } from '../crash/harness/haven-process.js';
import { cookieFrom, inParallel, request, type Session } from './http.js';
import { waitForJobsToSettle } from '../crash/verify-email.js';
import { loadJobs } from './jobs.js';
import type { CaseResponse as CaseBody } from '../../src/shared/api/cases.js';
import type { ReporterCaseResponse as ReporterCase } from '../../src/shared/api/reporter.js';
import type { Filed } from './scale-steps.js';


const at = (urls: string[], i: number): string => urls[i % urls.length]!;

/**
 * Replies written through one instance are read by the reporter through another, with the
 * promised date; `assigned` cases are held by alice, `unassigned` by nobody.
 */
export async function checkReplies(
  checks: CheckList, urls: string[], s: { alice: Session; bob: Session }, cases: { assigned: Filed[]; unassigned: Filed[] },
): Promise<Date> {
  const promise = new Date(Date.now() + 2 * 3_600_000);
  const all = [...cases.assigned, ...cases.unassigned];
  const problems: string[] = [];
  await inParallel(all, 6, async (f, j) => {
    const author = j % 2 === 0 ? s.alice : s.bob;
    const view = await request<CaseBody>(at(urls, j), 'GET', `/api/v1/cases/${f.reference}`, { session: author });
    const partyId = view.body.case.parties.find((p) => p.role === 'reporter')?.id;
    const body = `Scale reply ${j} for ${f.reference}: we are looking into it.`;
    const sent = await request<CaseBody>(at(urls, j + 1), 'POST', `/api/v1/cases/${f.reference}/replies`,
      { session: author, body: { partyId, body, promiseUpdateBy: promise.toISOString() } });
    const opened = await request(at(urls, j + 2), 'POST', '/api/v1/reporter/session', { body: { accessCode: f.accessCode } });
    const cookie = opened.status === 200 ? cookieFrom(opened.setCookie, 'haven_reporter') : '';
    const seen = await request<ReporterCase>(at(urls, j + 3), 'GET', '/api/v1/reporter/case', { session: { cookie } });
    const ok = sent.status === 201 && seen.status === 200 && seen.body.case.nextUpdateDueAt === promise.toISOString() &&
      seen.body.case.messages.filter((m) => m.from === 'staff' && m.body === body).length === 1;
    if (!ok) problems.push(`${f.reference}: reply ${sent.status}, reporter ${seen.status}`);
  });
  checks.check('a reply written through one instance reaches the reporter through another, with its promised date',
    problems.length === 0, problems.length === 0 ? `${all.length} replies, each read back on a different instance` : problems.slice(0, 3).join('; '));
  return promise;
}

/**
 * Reminder jobs run exactly once across the instances. The promised time is hours away, so
 * the test moves the jobs' run_at to now in the database, as the passing of time would; the
 * reminders still check the deadline they were set for, which is untouched.
 */
export async function checkReminders(
  checks: CheckList,
  input: { handle: DatabaseHandle; instances: HavenProcess[]; assigned: Filed[]; unassigned: Filed[]; staffCount: number },
): Promise<void> {
  const { handle } = input;
  const caseIds = new Map<string, string>();
  for (const f of [...input.assigned, ...input.unassigned]) {
    const row = await handle.db.selectFrom('cases').select('id').where('reference', '=', f.reference).executeTakeFirstOrThrow();
    caseIds.set(f.reference, row.id);
  }
  for (const stage of ['due', 'overdue'] as const) {
    const pulled = await handle.db.updateTable('jobs').set({ run_at: new Date().toISOString() })
      .where('kind', '=', CASE_REMINDER_JOB).where('status', '=', 'pending').where('payload', 'like', `%"stage":"${stage}"%`)
      .executeTakeFirst();
    const settle = await waitForJobsToSettle(handle, { stallMs: 60_000, maxMs: 300_000, dueOnly: true });
    const events = await handle.db.selectFrom('case_events').select(['case_id']).where('type', '=', `promised_update_${stage}`).execute();
    const perCase = [...caseIds.values()].map((id) => events.filter((e) => e.case_id === id).length);
    checks.check(`${stage} reminders: each case's reminder ran exactly once (one promised_update_${stage} event per case)`,
      settle.settled && Number(pulled.numUpdatedRows) === caseIds.size && perCase.every((n) => n === 1) && events.length === caseIds.size,
      `${Number(pulled.numUpdatedRows)} reminder jobs made due; events per case: ${[...new Set(perCase)].join(', ')}; settled in ${settle.waitedMs} ms`);
  }
  const reminders = await loadJobs(handle, CASE_REMINDER_JOB);
  const perInstance = input.instances.map((p) => reminders.filter((j) => j.lockedBy?.includes(`:${p.pid}:`) === true).length);
  checks.check('no reminder job was claimed twice, and the instances shared them',
    reminders.length === 2 * caseIds.size && reminders.every((j) => j.status === 'done' && j.attempts === 1) && perInstance.filter((n) => n > 0).length >= 2,
    `${reminders.length} reminder jobs; run per instance: ${perInstance.join(', ')}`);

  // Due: alice alone for her cases, the whole desk for unheld ones; overdue: the whole desk.
  const emails = await loadJobs(handle, STAFF_REMINDER_EMAIL_JOB);
  const expected = input.assigned.length * (1 + input.staffCount) + input.unassigned.length * 2 * input.staffCount;
  checks.check('each reminder queued one email per person it should reach, and no more', emails.length === expected,
    `${emails.length} staff reminder emails, expected ${expected}`);
}
