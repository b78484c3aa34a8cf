import { newId } from '../shared/ids.js';
import type { EventActorKind } from '../domain/case-events.js';
import { endWaiting } from '../domain/waiting.js';
import type { CaseRecord } from '../db/repositories/cases.js';
import { clearWaiting } from '../db/repositories/case-work.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import type { HavenDb } from '../db/connection.js';
import { CASE_REMINDER_JOB, type CaseReminderPayload } from './job-kinds.js';

/**
 * Ends a case's wait in the caller's transaction (the status move is the caller's): the clock
 * the wait stopped runs again with the time it had left, a reminder is set for it (the silence
 * reminder, now stale, will find `urgent_at` moved and do nothing), and the timeline says who it
 * had waited on since when. Returns the case's deadline after the wait; a case not waiting keeps its own.
 */
export async function endWait(trx: HavenDb, kase: CaseRecord, by: { kind: EventActorKind; id: string | null }, now: Date): Promise<Date> {
  const waiting = kase.waiting;
  if (waiting === null) return kase.urgentAt;
  const resumed = endWaiting({ waitingSince: waiting.since, pausedClockDueAt: waiting.pausedClockDueAt, nextUpdateDueAt: kase.nextUpdateDueAt }, now);
  await clearWaiting(trx, kase.id, { urgentAt: resumed.urgentAt, nextUpdateDueAt: resumed.nextUpdateDueAt, now });
  await recordEvents(trx, [{
    id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: by.kind, actorId: by.id,
    type: 'waiting_ended', detail: { waitingOn: waiting.on, since: waiting.since.toISOString() },
  }]);
  // The stopped clock was a promised update when one is outstanding, otherwise the check-in.
  const reminder: CaseReminderPayload = {
    caseId: kase.id, clock: resumed.nextUpdateDueAt === null ? 'check_in' : 'promised_update', stage: 'due', dueAt: resumed.urgentAt.toISOString(),
  };
  await enqueueJobs(trx, [{ id: newId(now.getTime()), kind: CASE_REMINDER_JOB, payload: reminder, runAt: resumed.urgentAt, maxAttempts: 8 }], now);
  return resumed.urgentAt;
}
