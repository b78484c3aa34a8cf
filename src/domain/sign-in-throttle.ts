// How sign-in attempts are slowed. Failures are counted per username AND source address
// together, so someone guessing from elsewhere slows only their own guesses: the owner, from
// their own address, is never kept out. Past a few free failures each one doubles the wait
// before the next attempt from that source, up to a ceiling; nothing is ever locked for good.

/** Failures from one source for one username that cost nothing (typos happen). */
export const SIGN_IN_FREE_FAILURES = 5;
/** The wait after the first failure beyond the free ones; each further failure doubles it. */
export const SIGN_IN_FIRST_DELAY_MS = 30_000;
/** The longest wait between two attempts from one source: about 100 guesses a day at most. */
export const SIGN_IN_MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten by the throttle (and shown to admins no longer). */
export const SIGN_IN_FAILURE_MEMORY_MS = 24 * 3_600_000;

/** The wait, after the latest of `failures` recorded failures, before the next attempt is admitted. */
export function signInDelayMs(failures: number): number {
  if (failures < SIGN_IN_FREE_FAILURES) return 0;
  const doublings = failures - SIGN_IN_FREE_FAILURES;
  // Capped before exponentiation so a long run of failures cannot overflow to Infinity.
  return Math.min(SIGN_IN_FIRST_DELAY_MS * 2 ** Math.min(doublings, 32), SIGN_IN_MAX_DELAY_MS);
}

/** When the next attempt from this source is admitted: `null` for now. */
export function nextSignInAt(failures: number, lastFailureAt: Date | null, now: Date): Date | null {
  if (lastFailureAt === null) return null;
  const at = new Date(lastFailureAt.getTime() + signInDelayMs(failures));
  return at > now ? at : null;
}
