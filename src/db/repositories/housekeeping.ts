import type { HavenDb } from '../connection.js';
import { forgetEndedCounts } from './rate-limits.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long each kind of leftover is kept once it is over (see docs/OPERATIONS.md, "Housekeeping"). */
export const KEEP = {
  /** Failed staff sign-ins: the throttle looks back 15 minutes; a day is ample for anyone reading them. */
  loginFailures: DAY,
  /** Lost-code requests: the limit counts one hour back. */
  signInLinkRequests: 2 * HOUR,
  /** Delivered or finished jobs: a month, for questions about a delivery. */
  doneJobs: 30 * DAY,
  /** Jobs that gave up: three months, so an operator can still see what failed. */
  failedJobs: 90 * DAY,
} as const;

export interface Purged {
  staffSessions: number; reporterSessions: number; signInLinks: number; signInLinkRequests: number; loginFailures: number; jobs: number;
  /** Rate-limit counts of ended windows (PostgreSQL's shared limits; see services/shared-rate-limiter.ts). */
  rateLimitCounts: number;
}

const count = (result: { numDeletedRows: bigint }[]): number => result.reduce((n, r) => n + Number(r.numDeletedRows), 0);

/**
 * Deletes what is over: expired staff and reporter sessions and sign-in links, old lost-code
 * requests and failed sign-ins, finished jobs past their keeping time, and rate-limit counts
 * whose window ended. Each statement is
 * its own short write, so intake is never held up for long; running it twice does no harm.
 */
export async function purgeExpired(db: HavenDb, now: Date): Promise<Purged> {
  const at = (ms: number): string => new Date(now.getTime() - ms).toISOString();
  const nowIso = now.toISOString();
  return {
    staffSessions: count(await db.deleteFrom('staff_sessions').where('expires_at', '<', nowIso).execute()),
    reporterSessions: count(await db.deleteFrom('reporter_sessions').where('expires_at', '<', nowIso).execute()),
    signInLinks: count(await db.deleteFrom('reporter_sign_in_links').where('expires_at', '<', nowIso).execute()),
    signInLinkRequests: count(await db.deleteFrom('sign_in_link_requests').where('at', '<', at(KEEP.signInLinkRequests)).execute()),
    loginFailures: count(await db.deleteFrom('login_failures').where('at', '<', at(KEEP.loginFailures)).execute()),
    jobs: count(await db.deleteFrom('jobs').where((eb) => eb.or([
      eb.and([eb('status', '=', 'done'), eb('completed_at', '<', at(KEEP.doneJobs))]),
      eb.and([eb('status', '=', 'failed'), eb('created_at', '<', at(KEEP.failedJobs))]),
    ])).execute()),
    rateLimitCounts: await forgetEndedCounts(db, now),
  };
}
