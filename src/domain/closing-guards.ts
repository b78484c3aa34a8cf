import type { CaseFacts, ClosingTransition, Outcome } from './case-lifecycle.js';

/** Reviewers who must sign off a case marked for review, unless an admin configures otherwise. */
export const DEFAULT_REQUIRED_SIGN_OFFS = 2;

/** Why the state machine refused a move. */
export type TransitionErrorCode =
  | 'illegal_transition'
  | 'review_incomplete'
  | 'closing_record_incomplete'
  | 'reporter_not_told'
  | 'next_steps_missing';

/** A refused transition. `message` is for logs and developers; user-facing text keys off `code`. */
export interface TransitionRefusal {
  ok: false;
  code: TransitionErrorCode;
  message: string;
}

/**
 * Outcomes that close without waiting for reviewer sign-offs. A withdrawn report must be
 * closable at once (holding it open against the reporter's wish is itself a harm), and a
 * duplicate's review continues on the case it duplicates. Both still need a closing record
 * naming who looked, and the change is audited, so the shortcut is visible if misused.
 */
export function skipsReview(outcome: Outcome): boolean {
  switch (outcome) {
    case 'withdrawn':
    case 'duplicate':
      return true;
    case 'action_taken':
    case 'non_actionable':
    case 'referred':
      return false;
    default: {
      const unreachable: never = outcome;
      throw new Error(`Unknown outcome: ${String(unreachable)}`);
    }
  }
}

/**
 * Sign-offs actually required. A case marked for review needs at least one reviewer even
 * if configured with zero, and a nonsense setting (NaN, Infinity) falls back to the
 * default rather than letting the case close unreviewed.
 */
export function effectiveRequiredSignOffs(configured: number): number {
  if (!Number.isFinite(configured)) return DEFAULT_REQUIRED_SIGN_OFFS;
  return Math.max(1, Math.ceil(configured));
}

/**
 * Guards on closing, checked in this order so the first refusal names the earliest thing
 * to fix: reviewer sign-offs, the closing record, the reporter's message, next steps.
 * The closing path itself (which statuses may close) is checked by the caller first.
 */
export function checkClosing(facts: CaseFacts, t: ClosingTransition): TransitionRefusal | null {
  if (facts.requiresReview && !skipsReview(t.outcome)) {
    const needed = effectiveRequiredSignOffs(facts.requiredSignOffs);
    if (facts.signOffs < needed) {
      return refuse('review_incomplete', `This case needs ${needed} reviewer sign-offs before closing; it has ${facts.signOffs}.`);
    }
  }
  const missing = missingRecordParts(t.closingRecord);
  if (missing.length > 0) {
    return refuse('closing_record_incomplete', `The closing record is missing: ${missing.join(', ')}.`);
  }
  // Default to contactable: forgetting to say so must not let a case close in silence.
  const contactable = t.reporterContactable ?? true;
  if (contactable && !t.reporterMessageSent) {
    return refuse('reporter_not_told', 'The reporter can be reached and must receive a closing message.');
  }
  // Next steps belong in the reporter's message; with no way to reach them there is nobody to offer them to.
  if (contactable && t.outcome === 'non_actionable' && isBlank(t.nonActionableNextSteps)) {
    return refuse('next_steps_missing', 'A non-actionable closing message must offer the reporter next steps.');
  }
  return null;
}

function missingRecordParts(record: ClosingTransition['closingRecord']): string[] {
  const missing: string[] = [];
  if (isBlank(record.summary)) missing.push('summary');
  // Every name must be real: a blank entry would pad the list of who looked.
  if (record.reviewedBy.length === 0 || record.reviewedBy.some(isBlank)) missing.push('reviewedBy');
  if (isBlank(record.findings)) missing.push('findings');
  return missing;
}

function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

function refuse(code: TransitionErrorCode, message: string): TransitionRefusal {
  return { ok: false, code, message };
}
