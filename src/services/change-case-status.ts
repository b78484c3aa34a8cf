import { newId } from '../shared/ids.js';
import { transition, type CaseStatus, type Transition } from '../domain/case-lifecycle.js';
import type { EventActorKind } from '../domain/case-events.js';
import { setCaseStatus, type CaseRecord } from '../db/repositories/cases.js';
import { recordEvents } from '../db/repositories/case-events.js';
import type { HavenDb } from '../db/connection.js';
import { AppError } from './errors.js';

/**
 * Moves a case to a new status, in the caller's transaction: the lifecycle judges the move
 * with the case's own facts, and the new status and its `status_changed` event are written
 * together. A move the lifecycle refuses changes nothing and throws `illegal_transition` (or `conflict`) with its reason.
 * Returns the new status.
 */
export async function changeCaseStatus(
  trx: HavenDb, kase: CaseRecord, move: Transition, by: { kind: EventActorKind; id: string | null }, now: Date,
): Promise<CaseStatus> {
  const facts = {
    status: kase.status, requiresReview: kase.requiresReview, requiredSignOffs: kase.requiredSignOffs,
    // Nobody can sign a review off yet: sign-offs arrive with routing, and will be counted here.
    signOffs: 0,
  };
  const moved = transition(facts, move, now);
  // An illegal move says so by its own code; the closing guards' refusals stay conflicts until closing names them.
  if (!moved.ok) throw new AppError(moved.code === 'illegal_transition' ? 'illegal_transition' : 'conflict', moved.message);
  const { from, to, outcome } = moved.event;
  await setCaseStatus(trx, kase.id, { status: moved.status, outcome: outcome ?? null, now });
  await recordEvents(trx, [{
    id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: by.kind, actorId: by.id,
    type: 'status_changed', detail: outcome === undefined ? { from, to } : { from, to, outcome },
  }]);
  return moved.status;
}
