import type { DatabaseHandle } from '../../src/db/connection.js';
import { RECEIPT_EMAIL_JOB } from '../../src/services/job-kinds.js';
import type { CheckList } from './harness/checks.js';
import type { SmtpSink } from './harness/smtp-sink.js';
import type { SentReport } from './intake-load.js';

export interface JobState { id: string; status: string; attempts: number; interrupted: number; lockedBy: string | null; lastError: string | null; payload: { caseId: string; reference: string } }

/** The receipt jobs as stored. */
export async function loadReceiptJobs(handle: DatabaseHandle): Promise<JobState[]> {
  const rows = await handle.db.selectFrom('jobs')
    .select(['id', 'status', 'attempts', 'locked_by', 'last_error', 'interrupted_deliveries', 'payload'])
    .where('kind', '=', RECEIPT_EMAIL_JOB)
    .execute();
  return rows.map((r) => ({
    id: r.id, status: r.status, attempts: r.attempts, lockedBy: r.locked_by, lastError: r.last_error, interrupted: r.interrupted_deliveries,
    payload: JSON.parse(r.payload) as { caseId: string; reference: string },
  }));
}

/**
 * Waits until no job is waiting or running, polling the database. With `dueOnly`, jobs
 * scheduled for later (such as a reminder's next stage) do not count. It gives up when no job
 * has finished for `stallMs` (a job the workers are not getting to), or after `maxMs`.
 */
export async function waitForJobsToSettle(
  handle: DatabaseHandle, input: { stallMs: number; maxMs: number; dueOnly?: boolean },
): Promise<{ settled: boolean; waitedMs: number }> {
  const started = Date.now();
  let open = Number.POSITIVE_INFINITY;
  let lastProgress = started;
  while (Date.now() - started < input.maxMs && Date.now() - lastProgress < input.stallMs) {
    let query = handle.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'not in', ['done', 'failed']);
    if (input.dueOnly === true) query = query.where('run_at', '<=', new Date().toISOString());
    const now = (await query.executeTakeFirstOrThrow()).n;
    if (now === 0) return { settled: true, waitedMs: Date.now() - started };
    if (now < open) lastProgress = Date.now();
    open = now;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { settled: false, waitedMs: Date.now() - started };
}

function jobIdOf(messageId: string): string {
  return /^<([^@>]+)@/.exec(messageId)?.[1] ?? messageId;
}

/**
 * Every receipt job for a stored case with an address ran, and its message reached the SMTP
 * server exactly once; a second copy is accepted only where the job records a delivery cut
 * off after hand-over (it then carries the same Message-ID, so receivers can drop it).
 */
export function verifyEmails(checks: CheckList, label: string, input: {
  sent: SentReport[]; jobs: JobState[]; sink: SmtpSink; casesWithContact: Map<string, string>;
}): void {
  const { jobs, sink } = input;
  const jobsByCase = new Map<string, JobState[]>();
  for (const j of jobs) jobsByCase.set(j.payload.caseId, [...(jobsByCase.get(j.payload.caseId) ?? []), j]);
  const wrongJobCount = [...input.casesWithContact.keys()].filter((caseId) => (jobsByCase.get(caseId) ?? []).length !== 1);
  checks.check(`${label}: each case with an address has exactly one receipt job`, wrongJobCount.length === 0 && jobs.length === input.casesWithContact.size,
    `${input.casesWithContact.size} cases with an address, ${jobs.length} receipt jobs`);

  const notDone = jobs.filter((j) => j.status !== 'done');
  checks.check(`${label}: every receipt job finished`, notDone.length === 0,
    notDone.length === 0 ? `${jobs.length} done` : `${notDone.length} not done: ${notDone.slice(0, 3).map((j) => `${j.id}=${j.status} after ${j.attempts} attempts (${j.lastError ?? 'no error'})`).join(', ')}`);

  const counts = sink.countsByMessageId();
  const lost = jobs.filter((j) => ![...counts.keys()].some((m) => jobIdOf(m) === j.id));
  checks.check(`${label}: no queued email is lost`, lost.length === 0,
    `${jobs.length} jobs, ${counts.size} distinct Message-IDs at the SMTP server, ${lost.length} jobs without a message`);

  const jobById = new Map(jobs.map((j) => [j.id, j]));
  const unknownMessages = [...counts.keys()].filter((m) => !jobById.has(jobIdOf(m)));
  checks.check(`${label}: every message delivered belongs to a committed job`, unknownMessages.length === 0, `${unknownMessages.length} strays`);

  const duplicated = [...counts.entries()].filter(([, n]) => n > 1);
  const unexplained = duplicated.filter(([m]) => (jobById.get(jobIdOf(m))?.interrupted ?? 0) === 0);
  const interrupted = jobs.filter((j) => j.interrupted > 0).length;
  checks.check(`${label}: no email is sent twice (except a recorded cut-off hand-over, same Message-ID)`, unexplained.length === 0,
    `${sink.messages.length} messages for ${counts.size} Message-IDs; ${duplicated.length} sent again, ` +
    `${interrupted} jobs record an interrupted hand-over, ${unexplained.length} unexplained duplicates`);

  const wrongRecipient = sink.messages.filter((m) => {
    const job = jobById.get(jobIdOf(m.messageId));
    const expected = job === undefined ? undefined : input.casesWithContact.get(job.payload.caseId);
    return expected === undefined || m.to.length !== 1 || m.to[0] !== expected || m.caseReference !== job?.payload.reference;
  });
  checks.check(`${label}: each receipt went to the address given with its report`, wrongRecipient.length === 0,
    `${sink.messages.length - wrongRecipient.length} of ${sink.messages.length} addressed right (decrypted with the shared key)`);
}
