import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { checkSignOff, type SignOffDecision, type SignOffRefusal } from '../domain/review.js';
import { insertSignOff, listSignOffs, reviewSettingsOf } from '../db/repositories/review.js';
import { findStaffUsername } from '../db/repositories/staff.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';

const REFUSALS: Readonly<Record<SignOffRefusal, AppError>> = {
  not_reviewer: new AppError('forbidden', 'Only the desk\'s reviewers sign off a review.'),
  own_case: new AppError('forbidden', 'You are assigned to this case, so you cannot sign off its review.'),
  not_marked: new AppError('conflict', 'This case is not marked for review.'),
  not_in_review: new AppError('conflict', 'The case is not in review yet.'),
  already_signed: new AppError('conflict', 'You have already signed off this review.'),
};

/** A reviewer signs off a case in review with a decision and a comment; audited and on the timeline. */
export async function signOffCase(
  ctx: ServiceContext, actor: Actor, reference: string, input: { decision: SignOffDecision; comment: string },
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.view', { reference });
    const settings = await reviewSettingsOf(trx, kase.deskId);
    const already = (await listSignOffs(trx, kase.id)).some((s) => s.staffId === actor.id);
    const refusal = checkSignOff({
      actor, deskId: kase.deskId, settings, assigneeId: kase.assigneeId, status: kase.status, requiresReview: kase.requiresReview, alreadySigned: already,
    });
    if (refusal !== null) throw REFUSALS[refusal];
    await insertSignOff(trx, { id: newId(now.getTime()), caseId: kase.id, staffId: actor.id, decision: input.decision, comment: input.comment.trim(), at: now });
    const username = (await findStaffUsername(trx, actor.id)) ?? actor.id;
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'review_signed_off',
      detail: { by: { id: actor.id, username }, decision: input.decision },
    }]);
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: actor.id, action: 'case.signed_off', caseId: kase.id, detail: { decision: input.decision } });
  });
}
