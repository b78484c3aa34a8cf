import type { CaseEventDetail } from './case-events.js';
import { checkClosing, skipsReview, type TransitionRefusal } from './closing-guards.js';

export { DEFAULT_REQUIRED_SIGN_OFFS, effectiveRequiredSignOffs, skipsReview } from './closing-guards.js';
export type { TransitionErrorCode, TransitionRefusal } from './closing-guards.js';

/** Case statuses in lifecycle order. */
export const CASE_STATUSES = ['new', 'acknowledged', 'investigating', 'waiting', 'in_review', 'closed'] as const;

/** Where a case is in its lifecycle. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How a closed case ended. */
export const OUTCOMES = ['action_taken', 'non_actionable', 'referred', 'withdrawn', 'duplicate'] as const;

/** How a closed case ended. */
export type Outcome = (typeof OUTCOMES)[number];

/** What the state machine needs to know about a case to judge a move. */
export interface CaseFacts {
  status: CaseStatus;
  requiresReview: boolean;
  requiredSignOffs: number;
  signOffs: number;
}

/** The closing record kept with every closed case. */
export interface ClosingRecord {
  /** What the case was about. */
  summary: string;
  /** Staff ids of everyone who looked at the case. */
  reviewedBy: string[];
  /** What was found. */
  findings: string;
}

/** A request to close a case, with everything the closing guards check. */
export interface ClosingTransition {
  to: 'closed';
  outcome: Outcome;
  closingRecord: ClosingRecord;
  /** The closing message to the reporter is sent or queued in the same transaction. */
  reporterMessageSent: boolean;
  /** False only when the reporter left no way to reach them; defaults to true (fail closed). */
  reporterContactable?: boolean;
  /** Next steps offered to the reporter; required for a non-actionable closing. */
  nonActionableNextSteps?: string;
}

/** A requested status change. */
export type Transition = { to: Exclude<CaseStatus, 'closed'> } | ClosingTransition;

/** The timeline event every successful transition writes; its detail is the vocabulary's (case-events.ts). */
export type StatusChangedEvent = { type: 'status_changed'; at: Date } & CaseEventDetail<'status_changed'>;

/** Result of `transition`: the new status and its event, or a refusal with a code. */
export type TransitionResult = { ok: true; status: CaseStatus; event: StatusChangedEvent } | TransitionRefusal;

/**
 * Moves other than closing. Closing is judged separately by `canCloseFrom`, because it
 * depends on the outcome and on whether the case needs review.
 * `closed → investigating` is the reopen path for new information; nothing else leaves closed.
 */
export const OPEN_MOVES: Readonly<Record<CaseStatus, readonly Exclude<CaseStatus, 'closed'>[]>> = {
  new: ['acknowledged'],
  acknowledged: ['investigating'],
  investigating: ['waiting', 'in_review'],
  waiting: ['investigating', 'in_review'],
  in_review: ['investigating'],
  closed: ['investigating'],
};

/** Whether the case still needs work (anything but closed). */
export function isOpen(status: CaseStatus): boolean {
  return status !== 'closed';
}

/** Narrows an untrusted string to a CaseStatus. */
export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

/** Narrows an untrusted string to an Outcome. */
export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

/**
 * Whether a case may close from its current status with this outcome (path only; the
 * sign-off, record and message guards come after). The rule:
 * - from in_review, any outcome;
 * - from any other open status, an outcome that skips review (withdrawn, duplicate),
 *   or any outcome when the case does not require review;
 * - never from closed.
 */
export function canCloseFrom(facts: Pick<CaseFacts, 'status' | 'requiresReview'>, outcome: Outcome): boolean {
  switch (facts.status) {
    case 'closed':
      return false;
    case 'in_review':
      return true;
    case 'new':
    case 'acknowledged':
    case 'investigating':
    case 'waiting':
      return !facts.requiresReview || skipsReview(outcome);
    default: {
      const unreachable: never = facts.status;
      throw new Error(`Unknown case status: ${String(unreachable)}`);
    }
  }
}

/** Applies a requested move if the lifecycle and its guards allow it. */
export function transition(facts: CaseFacts, t: Transition, now: Date): TransitionResult {
  if (Number.isNaN(now.getTime())) throw new RangeError('now is an invalid date');
  const from = facts.status;
  const at = new Date(now.getTime());
  if (t.to !== 'closed') {
    if (!OPEN_MOVES[from].includes(t.to)) return illegal(from, t.to);
    return { ok: true, status: t.to, event: { type: 'status_changed', from, to: t.to, at } };
  }
  if (!canCloseFrom(facts, t.outcome)) {
    const why = from === 'closed' ? 'it is already closed' : 'it is marked for review and must pass through in_review first';
    return { ok: false, code: 'illegal_transition', message: `Cannot close a ${from} case as ${t.outcome}: ${why}.` };
  }
  const refusal = checkClosing(facts, t);
  if (refusal !== null) return refusal;
  return { ok: true, status: 'closed', event: { type: 'status_changed', from, to: 'closed', at, outcome: t.outcome } };
}

function illegal(from: CaseStatus, to: CaseStatus): TransitionRefusal {
  const allowed = OPEN_MOVES[from].join(', ');
  return { ok: false, code: 'illegal_transition', message: `Cannot move a case from ${from} to ${to}; allowed: ${allowed}.` };
}
