// The promise-date rule the console checks before sending, so a handler hears about a mistake
// at once. It is the server's own rule (src/domain/update-promises.ts), not a copy; the server
// checks it again and has the last word.
import { PROMISE_MAX_DAYS, checkPromise } from './domain';

export { PROMISE_MAX_DAYS, PROMISE_MIN_LEAD_MINUTES } from './domain';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a promise date cannot be sent, if it cannot. */
export type PromiseProblem = 'invalid' | 'in_the_past' | 'too_soon' | 'too_far';

/** Checks an ISO promise date against `now`: unreadable, past, too soon or too far off. */
export function promiseProblem(iso: string | null, now: Date): PromiseProblem | null {
  const at = iso === null ? Number.NaN : Date.parse(iso);
  if (!Number.isFinite(at)) return 'invalid';
  const verdict = checkPromise(new Date(at), now);
  return verdict.ok ? null : verdict.reason;
}

/** The latest moment a promise may name, counted from `now`. */
export function latestPromise(now: Date): Date {
  return new Date(now.getTime() + PROMISE_MAX_DAYS * DAY_MS);
}
