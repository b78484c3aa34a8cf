import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { insertReviewNote } from '../db/repositories/review.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';

/** Adds a note to the review discussion of a case marked for review; only its reviewers and staff read it. */
export async function addReviewNote(ctx: ServiceContext, actor: Actor, reference: string, body: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.view', { reference });
    if (!kase.requiresReview) throw new AppError('conflict', 'This case is not marked for review, so it has no review discussion.');
    const id = newId(now.getTime());
    await insertReviewNote(trx, { id, caseId: kase.id, authorId: actor.id, body: body.trim(), at: now });
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: actor.id, action: 'case.review_note_added', caseId: kase.id, detail: { noteId: id } });
  });
}
