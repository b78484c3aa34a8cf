// Rules the console checks before sending a promise date, so a handler hears about a
// mistake at once; the server checks the same rules and has the last word.

/** How far ahead a reply may promise an update (the server refuses later dates). */
export const MAX_PROMISE_DAYS = 60;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a promise date cannot be sent, if it cannot. */
export type PromiseProblem = 'invalid' | 'past' | 'too_far';

/** Checks an ISO promise date against `now`: it must be in the future and within the limit. */
export function promiseProblem(iso: string | null, now: Date): PromiseProblem | null {
  const at = iso === null ? Number.NaN : Date.parse(iso);
  if (!Number.isFinite(at)) return 'invalid';
  if (at <= now.getTime()) return 'past';
  if (at - now.getTime() > MAX_PROMISE_DAYS * DAY_MS) return 'too_far';
  return null;
}

/** The latest moment a promise may name, counted from `now`. */
export function latestPromise(now: Date): Date {
  return new Date(now.getTime() + MAX_PROMISE_DAYS * DAY_MS);
}
