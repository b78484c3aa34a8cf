import { monthOf } from './reporting-counts.js';

// Promises kept and broken. A reply that names a date for the next update is a promise to its
// reader; the next message the desk sends that reader answers it. Sent by the date: kept.
// Sent later, or not at all once the date has passed: broken. Otherwise it is still pending.

/** Where a promise stands. */
export const PROMISE_STATES = ['kept', 'broken', 'pending'] as const;

/** Where a promise stands. */
export type PromiseState = (typeof PROMISE_STATES)[number];

/** A message as the promise record needs it. */
export interface PromiseMessage {
  id: string;
  /** The thread: one reader's messages share it. */
  audience: string;
  fromStaff: boolean;
  createdAt: Date;
  promisedUpdateBy: Date | null;
}

/** The state of each promise, by the id of the message that made it. */
export function promiseStates(messages: readonly PromiseMessage[], now: Date): Map<string, PromiseState> {
  const sorted = [...messages].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const states = new Map<string, PromiseState>();
  sorted.forEach((m, i) => {
    if (!m.fromStaff || m.promisedUpdateBy === null) return;
    const due = m.promisedUpdateBy.getTime();
    const next = sorted.slice(i + 1).find((n) => n.fromStaff && n.audience === m.audience);
    if (next !== undefined) states.set(m.id, next.createdAt.getTime() <= due ? 'kept' : 'broken');
    else states.set(m.id, now.getTime() > due ? 'broken' : 'pending');
  });
  return states;
}

/** One month's promise and first-response figures. */
export interface MonthlyResponsiveness {
  month: string;
  /** Promises that fell due this month and were kept / broken; pending ones are not counted yet. */
  promisesKept: number;
  promisesBroken: number;
  /** kept / (kept + broken), null when none fell due. */
  shareKept: number | null;
  /** Cases received this month that have had a first response, and the median time to it. */
  firstResponses: number;
  medianFirstResponseMs: number | null;
}

/**
 * Per month (`months`, in order): the share of promises kept, by the month the promise fell
 * due, and the median time to first response, by the month the case was received.
 */
export function monthlyResponsiveness(
  months: readonly string[],
  promises: readonly { dueAt: Date; state: PromiseState }[],
  cases: readonly { receivedAt: Date; firstRespondedAt: Date | null }[],
): MonthlyResponsiveness[] {
  return months.map((month) => {
    const due = promises.filter((p) => monthOf(p.dueAt) === month);
    const kept = due.filter((p) => p.state === 'kept').length;
    const broken = due.filter((p) => p.state === 'broken').length;
    const waits = cases.filter((c) => c.firstRespondedAt !== null && monthOf(c.receivedAt) === month)
      .map((c) => (c.firstRespondedAt as Date).getTime() - c.receivedAt.getTime());
    return {
      month, promisesKept: kept, promisesBroken: broken, shareKept: kept + broken === 0 ? null : kept / (kept + broken),
      firstResponses: waits.length, medianFirstResponseMs: median(waits),
    };
  });
}

/** The median of a list of numbers (the mean of the middle two for an even count), null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}
