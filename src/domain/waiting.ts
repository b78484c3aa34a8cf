// Waiting on someone: a case that cannot move until a person or a venue answers. While it
// waits, its clocks stop (nobody is late for an answer that is not theirs to give), and one
// reminder after a stretch of silence asks the desk to chase. When the wait ends the clock
// that was running resumes with the time it had left.

/** Who a case can wait on. */
export const WAITING_ON = ['reporter', 'target', 'other_person', 'outside_venue'] as const;

/** Who a waiting case waits on. */
export type WaitingOn = (typeof WAITING_ON)[number];

/** Narrows an untrusted string to a WaitingOn. */
export function isWaitingOn(value: string): value is WaitingOn {
  return (WAITING_ON as readonly string[]).includes(value);
}

/** Days of silence before the desk is reminded to chase, unless the handler names others. */
export const DEFAULT_WAIT_REMIND_DAYS = 7;
/** A wait is reminded of within two months at the latest. */
export const MAX_WAIT_REMIND_DAYS = 60;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The clocks of a case as a wait starts: `urgentAt` is the deadline that stops. */
export interface RunningClocks { urgentAt: Date }

/** A case's clocks while it waits: the queue orders by the silence reminder, and the stopped deadline is kept. */
export interface WaitingClocks { waitingSince: Date; remindAt: Date; urgentAt: Date; pausedClockDueAt: Date }

/** Stops the clocks at `now`; the silence reminder comes `remindAfterDays` later. */
export function startWaiting(clocks: RunningClocks, input: { now: Date; remindAfterDays: number }): WaitingClocks {
  assertValid(input.now, 'now');
  assertValid(clocks.urgentAt, 'urgentAt');
  if (!Number.isInteger(input.remindAfterDays) || input.remindAfterDays < 1 || input.remindAfterDays > MAX_WAIT_REMIND_DAYS) {
    throw new RangeError(`remindAfterDays must be a whole number from 1 to ${MAX_WAIT_REMIND_DAYS}, got ${input.remindAfterDays}`);
  }
  const remindAt = new Date(input.now.getTime() + input.remindAfterDays * DAY_MS);
  return { waitingSince: new Date(input.now.getTime()), remindAt, urgentAt: remindAt, pausedClockDueAt: new Date(clocks.urgentAt.getTime()) };
}

/**
 * The clocks when a wait ends at `now`: the stopped deadline, and a promised update date, move
 * later by exactly the time spent waiting, so the handler has what they had left when it began.
 */
export function endWaiting(
  waiting: { waitingSince: Date; pausedClockDueAt: Date; nextUpdateDueAt: Date | null }, now: Date,
): { urgentAt: Date; nextUpdateDueAt: Date | null; waitedMs: number } {
  assertValid(now, 'now');
  assertValid(waiting.waitingSince, 'waitingSince');
  const waitedMs = Math.max(0, now.getTime() - waiting.waitingSince.getTime());
  const shift = (d: Date) => new Date(d.getTime() + waitedMs);
  return {
    urgentAt: shift(waiting.pausedClockDueAt),
    nextUpdateDueAt: waiting.nextUpdateDueAt === null ? null : shift(waiting.nextUpdateDueAt),
    waitedMs,
  };
}

function assertValid(value: Date, name: string): void {
  if (Number.isNaN(value.getTime())) throw new RangeError(`${name} is an invalid date`);
}
