// Private review: who may sign a case off, and what counts. A case that needs review cannot
// close until enough reviewers have approved it (closing-guards.ts counts them).
import type { Actor } from './access-policy.js';
import { roleOn } from './access-policy.js';
import { REVIEW_VENUES } from './routing-rules.js';

/** What a reviewer decides: approve the handling, or object to it (with the comment saying why). */
export const SIGN_OFF_DECISIONS = ['approve', 'object'] as const;
export type SignOffDecision = (typeof SIGN_OFF_DECISIONS)[number];

/** Whether the case's venue makes review necessary. */
export function venueNeedsReview(venue: string | null): boolean {
  return venue !== null && REVIEW_VENUES.includes(venue);
}

/** A desk's review settings: how many sign-offs, and which group reviews besides its reviewers. */
export interface ReviewSettings { requiredSignOffs: number; reviewerGroup: string | null }

/** Who is a reviewer of a desk's cases: its reviewer role, or members of its named group. */
export function isReviewerOf(actor: Actor, deskId: string, settings: ReviewSettings): boolean {
  if (roleOn(actor, deskId) === null) return false;
  if (roleOn(actor, deskId) === 'reviewer') return true;
  return settings.reviewerGroup !== null && settings.reviewerGroup !== '' && actor.groups.includes(settings.reviewerGroup);
}

/** Why a sign-off is refused. */
export type SignOffRefusal = 'not_reviewer' | 'own_case' | 'not_in_review' | 'not_marked' | 'already_signed';

/**
 * Whether `actor` may sign this case off now. The assignee may never sign off their own case:
 * review exists so that someone other than the person who handled it agrees.
 */
export function checkSignOff(input: {
  actor: Actor; deskId: string; settings: ReviewSettings; assigneeId: string | null;
  status: string; requiresReview: boolean; alreadySigned: boolean;
}): SignOffRefusal | null {
  if (!isReviewerOf(input.actor, input.deskId, input.settings)) return 'not_reviewer';
  if (input.assigneeId === input.actor.id) return 'own_case';
  if (!input.requiresReview) return 'not_marked';
  if (input.status !== 'in_review') return 'not_in_review';
  if (input.alreadySigned) return 'already_signed';
  return null;
}

/** Sign-offs that count toward closing: approvals only; an objection is a reason to talk, not a vote to close. */
export function countApprovals(decisions: readonly SignOffDecision[]): number {
  return decisions.filter((d) => d === 'approve').length;
}
