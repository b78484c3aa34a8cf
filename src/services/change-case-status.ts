import { newId } from '../shared/ids.js';
import { transition, type CaseStatus, type Transition } from '../domain/case-lifecycle.js';
import type { EventActorKind } from '../domain/case-events.js';
import { setCaseStatus, type CaseRecord } from '../db/repositories/cases.js';
import { recordEvents } from '../db/repositories/case-events.js';
import type { HavenDb } from '../db/connection.js';
import { AppError } from './errors.js';
import { reviewStateOf } from './review-state.js';

/**
 * Moves a case to a new status, in the caller's transaction: the lifecycle judges the move
 * with the case's own facts, and the new status and its `status_changed` event are written
 * together. A move the lifecycle refuses changes nothing and throws with its reason: `conflict` for
 * an illegal move, the guard's own code (`review_incomplete` …) for a refused close.
 * Returns the new status.
 */
export async function changeCaseStatus(
  trx: HavenDb, kase: CaseRecord, move: Transition, by: { kind: EventActorKind; id: string | null }, now: Date,
): Promise<CaseStatus> {
  const facts = { status: kase.status, ...(await reviewStateOf(trx, kase)) };
  const moved = transition(facts, move, now);
  // A closing guard's refusal keeps its own code, so the client can say what to fix.
  if (!moved.ok) throw new AppError(moved.code, moved.message);
  const { from, to, outcome } = moved.event;
  await setCaseStatus(trx, kase.id, { status: moved.status, outcome: outcome ?? null, now });
  await recordEvents(trx, [{
    id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: by.kind, actorId: by.id,
    type: 'status_changed', detail: outcome === undefined ? { from, to } : { from, to, outcome },
  }]);
  return moved.status;
}
