import { newId } from '../shared/ids.js';
import { startWaiting, type WaitingOn } from '../domain/waiting.js';
import type { CaseRecord } from '../db/repositories/cases.js';
import { setWaiting } from '../db/repositories/case-work.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import type { HavenDb } from '../db/connection.js';
import { CASE_REMINDER_JOB, type CaseReminderPayload } from './job-kinds.js';

/**
 * Starts a case's wait on someone, in the caller's transaction (the status move is the caller's):
 * its clocks stop, the timeline says who it waits on, and one silence reminder is set.
 */
export async function startWait(
  trx: HavenDb, kase: CaseRecord, input: { on: WaitingOn; remindAfterDays: number; staffId: string; now: Date },
): Promise<void> {
  const { now } = input;
  const clocks = startWaiting({ urgentAt: kase.urgentAt }, { now, remindAfterDays: input.remindAfterDays });
  await setWaiting(trx, kase.id, { on: input.on, since: clocks.waitingSince, remindAt: clocks.remindAt, pausedClockDueAt: clocks.pausedClockDueAt });
  await recordEvents(trx, [{
    id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: input.staffId,
    type: 'waiting_started', detail: { waitingOn: input.on, remindAt: clocks.remindAt.toISOString() },
  }]);
  const silence: CaseReminderPayload = { caseId: kase.id, clock: 'waiting_silence', stage: 'due', dueAt: clocks.remindAt.toISOString() };
  await enqueueJobs(trx, [{ id: newId(now.getTime()), kind: CASE_REMINDER_JOB, payload: silence, runAt: clocks.remindAt, maxAttempts: 8 }], now);
}
