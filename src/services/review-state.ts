import type { CaseRecord } from '../db/repositories/cases.js';

/** What the closing guard needs to know about a case's review. */
export interface ReviewState {
  /** Whether the case must pass a review before it closes (set by routing). */
  requiresReview: boolean;
  /** Sign-offs the review needs, as configured on the case. */
  requiredSignOffs: number;
  /** Sign-offs given so far. */
  signOffs: number;
}

/**
 * A case's review facts, read from its `requires_review` and `required_sign_offs` columns.
 * Nobody can sign a review off yet, so `signOffs` is 0: the routing work replaces this file
 * with one that counts real sign-offs, keeping this signature (it may start reading `db`).
 */
export function reviewStateOf(kase: Pick<CaseRecord, 'requiresReview' | 'requiredSignOffs'>): ReviewState {
  return { requiresReview: kase.requiresReview, requiredSignOffs: kase.requiredSignOffs, signOffs: 0 };
}
