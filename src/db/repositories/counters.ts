import type { HavenDb } from '../connection.js';

/** Atomically takes the next value of a named counter, starting at 1. */
export async function nextCounterValue(db: HavenDb, name: string): Promise<number> {
  // Insert-or-increment in one statement: safe under concurrent writers on PostgreSQL,
  // and SQLite serialises writers anyway.
  const row = await db
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}
