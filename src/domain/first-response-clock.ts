import type { Severity } from './severity.js';

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** Hours a case may wait for its first response, by severity (admins may override). */
export const DEFAULT_FIRST_RESPONSE_HOURS: Readonly<Record<Severity, number>> = {
  emergency: 1,
  high: 24,
  normal: 72,
};

/**
 * Minutes before the due time at which a clock turns 'due_soon'. A fixed margin rather
 * than a share of the window: a handler needs about the same time to write a careful
 * first reply whether the window was one day or three. Emergencies get a shorter margin
 * because their whole window is an hour and they are already at the top of the queue.
 */
export const DUE_SOON_MINUTES: Readonly<Record<Severity, number>> = {
  emergency: 15,
  high: 60,
  normal: 60,
};

/** Where a first-response clock stands at a given moment. */
export type ClockState = 'met' | 'on_time' | 'due_soon' | 'overdue';

/** When the first response to a report received at `receivedAt` is due. */
export function firstResponseDueAt(
  receivedAt: Date,
  severity: Severity,
  hours: Readonly<Record<Severity, number>> = DEFAULT_FIRST_RESPONSE_HOURS,
): Date {
  assertValidDate(receivedAt, 'receivedAt');
  const window = hours[severity];
  // A zero, negative or missing window would make every case overdue on arrival (or never
  // due), which hides real urgency; misconfiguration must fail loudly instead.
  if (!Number.isFinite(window) || window <= 0) {
    throw new RangeError(`First-response hours for ${severity} must be a positive number, got ${window}`);
  }
  return new Date(receivedAt.getTime() + window * HOUR_MS);
}

/**
 * State of a first-response clock. A response at or before `dueAt` is on time; the clock
 * is overdue only once `now` is strictly after `dueAt`. Once anyone has responded the clock
 * is 'met' even if late: it stops counting, and lateness is measured by `respondedOnTime`.
 * Without `severity` the widest margin is used, so an omission shows more urgency, not less.
 */
export function firstResponseState(input: {
  dueAt: Date;
  respondedAt: Date | null;
  now: Date;
  severity?: Severity;
}): ClockState {
  assertValidDate(input.dueAt, 'dueAt');
  assertValidDate(input.now, 'now');
  if (input.respondedAt !== null) return 'met';
  const remainingMs = input.dueAt.getTime() - input.now.getTime();
  if (remainingMs < 0) return 'overdue';
  const marginMinutes = DUE_SOON_MINUTES[input.severity ?? 'normal'];
  return remainingMs < marginMinutes * MINUTE_MS ? 'due_soon' : 'on_time';
}

/** Whether a response met its deadline (for reporting "promises kept"). */
export function respondedOnTime(dueAt: Date, respondedAt: Date): boolean {
  assertValidDate(dueAt, 'dueAt');
  assertValidDate(respondedAt, 'respondedAt');
  return respondedAt.getTime() <= dueAt.getTime();
}

function assertValidDate(value: Date, name: string): void {
  // An Invalid Date compares false with everything and would silently read as "on time".
  if (Number.isNaN(value.getTime())) throw new RangeError(`${name} is an invalid date`);
}
