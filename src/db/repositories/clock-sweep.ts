import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';
import { toDate } from '../schema.js';

/**
 * Takes the stretch of time a sweep should cover, (from, to], and moves the sweep's mark to
 * `to`, inside the caller's transaction. On PostgreSQL the mark's row is locked until COMMIT,
 * so sweepers in several processes take consecutive, non-overlapping stretches; SQLite has
 * one writer. Null when another sweeper is already ahead of `now` (clocks differ slightly).
 */
export async function claimSweepWindow(
  db: HavenDb, dialect: DialectName, input: { name: string; now: Date; firstFrom: Date },
): Promise<{ from: Date; to: Date } | null> {
  await db.insertInto('counters').values({ name: input.name, value: input.firstFrom.getTime() })
    .onConflict((oc) => oc.column('name').doNothing()).execute();
  let read = db.selectFrom('counters').select('value').where('name', '=', input.name);
  if (dialect === 'postgres') read = read.forUpdate();
  const mark = await read.executeTakeFirstOrThrow();
  const from = new Date(mark.value);
  if (from.getTime() >= input.now.getTime()) return null;
  return { from, to: new Date(input.now.getTime()) };
}

/** Moves a sweep's mark to `to` (call in the transaction that claimed the window). */
export async function advanceSweepMark(db: HavenDb, name: string, to: Date): Promise<void> {
  await db.updateTable('counters').set({ value: to.getTime() }).where('name', '=', name).execute();
}

/**
 * New cases (no first response yet) of the given desks whose first-response time falls in
 * (from, to], oldest first, at most `limit`. A new case's `urgent_at` is its first-response due
 * time, so this is one range scan of the (desk_id, status, urgent_at) index per desk; the few
 * rows found are then sorted together.
 */
export async function listNewCasesDueBetween(
  db: HavenDb, input: { deskIds: readonly string[]; from: Date; to: Date; limit: number },
): Promise<{ id: string; dueAt: Date }[]> {
  if (input.deskIds.length === 0) return [];
  const rows = await db.selectFrom('cases')
    .select(['id', 'urgent_at'])
    .where('desk_id', 'in', input.deskIds)
    .where('status', '=', 'new')
    .where('urgent_at', '>', input.from.toISOString())
    .where('urgent_at', '<=', input.to.toISOString())
    .orderBy('urgent_at')
    .orderBy('id')
    .limit(input.limit)
    .execute();
  return rows.map((r) => ({ id: r.id, dueAt: toDate(r.urgent_at) }));
}
