import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { listReviewersOf, reviewSettingsOf } from '../db/repositories/review.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { changeCaseStatus } from './change-case-status.js';
import { REVIEW_REQUEST_EMAIL_JOB, type ReviewRequestPayload } from './job-kinds.js';
import type { ServiceContext } from './context.js';

/**
 * Moves a case marked for review to `in_review` and asks its reviewers by email: the desk's
 * reviewers and its reviewer group's members, except the case's assignee (who may not sign off).
 * Reviewers without an address see it in the console; the timeline counts everyone asked.
 */
export async function startReview(ctx: ServiceContext, actor: Actor, reference: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference });
    if (!kase.requiresReview) throw new AppError('conflict', 'This case is not marked for review; mark it first, with a reason.');
    await changeCaseStatus(trx, kase, { to: 'in_review' }, { kind: 'staff', id: actor.id }, now);
    const settings = await reviewSettingsOf(trx, kase.deskId);
    const reviewers = (await listReviewersOf(trx, kase.deskId, settings.reviewerGroup)).filter((r) => r.id !== kase.assigneeId);
    await enqueueJobs(trx, reviewers.filter((r) => r.emailEnc !== null).map((r) => {
      const payload: ReviewRequestPayload = { caseId: kase.id, staffId: r.id };
      return { id: newId(now.getTime()), kind: REVIEW_REQUEST_EMAIL_JOB, payload, runAt: now, maxAttempts: 8 };
    }), now);
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'reviewers_asked', detail: { reviewers: reviewers.length },
    }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.reviewers_asked', caseId: kase.id, detail: { reviewers: reviewers.map((r) => r.id) },
    });
  });
}
