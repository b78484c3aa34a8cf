import { countApprovals } from '../domain/review.js';
import type { CaseRecord } from '../db/repositories/cases.js';
import { listSignOffs } from '../db/repositories/review.js';
import type { HavenDb } from '../db/connection.js';

/** A case's review facts, as the closing guard (closing-guards.ts) asks for them. */
export interface ReviewState { requiresReview: boolean; requiredSignOffs: number; signOffs: number }

/**
 * The review facts of a case: whether it needs review, how many sign-offs, and how many it has.
 * Only approvals count: an objection is a reason to talk before closing, not a vote to close.
 */
export async function reviewStateOf(db: HavenDb, kase: Pick<CaseRecord, 'id' | 'requiresReview' | 'requiredSignOffs'>): Promise<ReviewState> {
  const signOffs = kase.requiresReview ? countApprovals((await listSignOffs(db, kase.id)).map((s) => s.decision)) : 0;
  return { requiresReview: kase.requiresReview, requiredSignOffs: kase.requiredSignOffs, signOffs };
}
