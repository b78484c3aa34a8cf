import type { CaseStatus } from './case-lifecycle.js';
import { severityRank, type Severity } from './severity.js';

/** What the queue needs to know about a case to order it. */
export interface QueueItem {
  status: CaseStatus;
  severity: Severity;
  firstResponseDueAt: Date;
  nextUpdateDueAt: Date | null;
  receivedAt: Date;
  reference: string;
}

/**
 * The deadline that matters most for a case now. While a case is new the first response
 * is the only promise made; after that, the date promised to the reporter is what they are
 * watching for. With no promise we fall back to the first-response due time, which keeps
 * un-promised cases ordered by age instead of sinking out of sight.
 */
export function mostUrgentDeadline(item: QueueItem): Date {
  return new Date(deadlineMs(item));
}

/**
 * Orders cases most urgent first: earliest deadline, then higher severity, then oldest
 * received, then reference. References are unique, so this is a total order and every
 * handler and every process sees the same queue; the reference is compared by code units,
 * not by locale, for the same reason.
 */
export function compareByUrgency(a: QueueItem, b: QueueItem): number {
  return (
    compareNumbers(deadlineMs(a), deadlineMs(b)) ||
    compareNumbers(severityRank(a.severity), severityRank(b.severity)) ||
    compareNumbers(a.receivedAt.getTime(), b.receivedAt.getTime()) ||
    compareStrings(a.reference, b.reference)
  );
}

function deadlineMs(item: QueueItem): number {
  switch (item.status) {
    case 'new':
      return item.firstResponseDueAt.getTime();
    case 'acknowledged':
    case 'investigating':
    case 'waiting':
    case 'in_review':
    case 'closed':
      return (item.nextUpdateDueAt ?? item.firstResponseDueAt).getTime();
    default: {
      const unreachable: never = item.status;
      throw new Error(`Unknown case status: ${String(unreachable)}`);
    }
  }
}

function compareNumbers(a: number, b: number): number {
  // Dates come from the database and are valid; an Invalid Date would break the total
  // order silently, so it is a programming error worth failing on.
  if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError('Cannot order a case with an invalid date');
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
