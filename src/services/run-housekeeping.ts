import { purgeExpired, type Purged } from '../db/repositories/housekeeping.js';
import type { ServiceContext } from './context.js';

/** What one housekeeping round removed. */
export interface Housekeeping extends Purged { mailFiles: number }

/**
 * Housekeeping, run by the worker every hour: purges expired sessions, sign-in links, old
 * lost-code requests and failed sign-ins, finished jobs, and (with the `.eml` mailer) the mail
 * files past their retention. Nothing here is a case or an audit entry.
 */
export async function runHousekeeping(ctx: ServiceContext, mail: { sweep?(now: Date): Promise<number> }): Promise<Housekeeping> {
  const now = ctx.now();
  const purged = await purgeExpired(ctx.db, now);
  const mailFiles = mail.sweep === undefined ? 0 : await mail.sweep(now);
  return { ...purged, mailFiles };
}
