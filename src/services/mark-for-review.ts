import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { markCaseForReview, reviewSettingsOf } from '../db/repositories/review.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';

/** A handler marks a case as needing review, with a reason; it then needs the desk's number of sign-offs to close. */
export async function markForReview(ctx: ServiceContext, actor: Actor, reference: string, reason: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference });
    if (kase.status === 'closed') throw new AppError('conflict', 'A closed case cannot be marked for review; reopen it first.');
    if (kase.requiresReview) throw new AppError('conflict', 'This case is already marked for review.');
    const { requiredSignOffs } = await reviewSettingsOf(trx, kase.deskId);
    await markCaseForReview(trx, { caseId: kase.id, requiredSignOffs, now });
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'review_required',
      detail: { reason: reason.trim(), signOffs: requiredSignOffs },
    }]);
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: actor.id, action: 'case.marked_for_review', caseId: kase.id, detail: { requiredSignOffs } });
  });
}
