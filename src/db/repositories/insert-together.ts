import { sql, type Compilable, type OperationNodeSource } from 'kysely';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';

/** An INSERT built by a repository and not yet run, so that several can be sent together. */
export type PendingInsert = Compilable & OperationNodeSource & { execute(): Promise<unknown> };

/**
 * Runs independent INSERTs in the caller's transaction. On PostgreSQL they go as one statement
 * (each but the last as a data-modifying WITH clause), so they cost one round trip instead of
 * one each. That is safe for rows that refer to each other: foreign keys and the statement
 * triggers are checked when the whole statement ends, after every clause has inserted its
 * rows. What the clauses cannot do is read each other's rows, so an INSERT whose values come
 * from a query must not rely on a sibling. SQLite has no data-modifying WITH; there they run
 * one after another, in the order given, which costs nothing extra in process.
 */
export async function insertTogether(db: HavenDb, dialect: DialectName, inserts: (PendingInsert | null)[]): Promise<void> {
  const present = inserts.filter((insert): insert is PendingInsert => insert !== null);
  const last = present.pop();
  if (last === undefined) return;
  if (dialect === 'sqlite' || present.length === 0) {
    for (const insert of present) await insert.execute();
    await last.execute();
    return;
  }
  const clauses = present.map((insert, i) => sql`${sql.id(`insert_${i}`)} AS (${insert})`);
  await sql`WITH ${sql.join(clauses)} ${last}`.execute(db);
}
