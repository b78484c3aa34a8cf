import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import { effectiveRequiredSignOffs } from '../domain/closing-guards.js';
import { checkSignOff } from '../domain/review.js';
import { listReviewNotes, listSignOffs, reviewSettingsOf, type ReviewNoteRow, type SignOffRow } from '../db/repositories/review.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { loadCaseFor } from './case-access.js';
import { reviewStateOf, type ReviewState } from './review-state.js';
import type { ServiceContext } from './context.js';

export interface ReviewView { state: ReviewState; required: number; canSignOff: boolean; signOffs: SignOffRow[]; notes: ReviewNoteRow[] }

/**
 * A case's review: its state, sign-offs and discussion, for anyone who may open the case (its
 * reviewers and the desk's staff; never the reporter, whose pages have no way to it). Audited.
 */
export async function viewReview(ctx: ServiceContext, actor: Actor, reference: string): Promise<ReviewView> {
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.view', { reference });
    const settings = await reviewSettingsOf(trx, kase.deskId);
    const signOffs = await listSignOffs(trx, kase.id);
    const state = await reviewStateOf(trx, kase);
    const canSignOff = checkSignOff({
      actor, deskId: kase.deskId, settings, assigneeId: kase.assigneeId, status: kase.status, requiresReview: kase.requiresReview,
      alreadySigned: signOffs.some((s) => s.staffId === actor.id),
    }) === null;
    const notes = await listReviewNotes(trx, kase.id);
    await appendAudit(trx, auditChain(ctx), { at: ctx.now(), actorKind: 'staff', actorId: actor.id, action: 'case.review_viewed', caseId: kase.id, detail: {} });
    return { state, required: kase.requiresReview ? effectiveRequiredSignOffs(kase.requiredSignOffs) : 0, canSignOff, signOffs, notes };
  });
}
