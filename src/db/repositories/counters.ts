import type { HavenDb } from '../connection.js';

/** Atomically takes the next value of a named counter, starting at 1. */
export function nextCounterValue(db: HavenDb, name: string): Promise<number> {
  return takeCounterValues(db, name, 1);
}

/** Atomically takes the next `count` values of a named counter; returns the last of them. */
export async function takeCounterValues(db: HavenDb, name: string, count: number): Promise<number> {
  // Insert-or-increment in one statement: safe under concurrent writers on PostgreSQL,
  // and SQLite serialises writers anyway.
  const row = await db
    .insertInto('counters')
    .values({ name, value: count })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', count) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}
