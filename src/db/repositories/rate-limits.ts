import type { HavenDb } from '../connection.js';

/**
 * Adds one to a window's count and returns the new count, in one statement: an upsert on the
 * window's primary key, so instances counting at once on one PostgreSQL database each see
 * every other's attempts (the row lock orders them) and none is lost.
 */
export async function countAttempt(db: HavenDb, rule: string, key: string, windowEnd: number): Promise<number> {
  const row = await db.insertInto('rate_limit_counts')
    .values({ rule, key, window_end: windowEnd, count: 1 })
    .onConflict((oc) => oc.columns(['rule', 'key', 'window_end']).doUpdateSet((eb) => ({ count: eb('rate_limit_counts.count', '+', 1) })))
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count;
}

/** A window's count so far, without counting; 0 when nothing was counted. */
export async function readAttempts(db: HavenDb, rule: string, key: string, windowEnd: number): Promise<number> {
  const row = await db.selectFrom('rate_limit_counts').select('count')
    .where('rule', '=', rule).where('key', '=', key).where('window_end', '=', windowEnd)
    .executeTakeFirst();
  return row === undefined ? 0 : row.count;
}

/** Forgets every window that has ended by `now`; returns how many rows went. */
export async function forgetEndedCounts(db: HavenDb, now: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limit_counts').where('window_end', '<=', now.getTime()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
