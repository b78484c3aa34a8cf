import { sql } from 'kysely';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';

/**
 * Adds the cases inserted in this transaction to the SQLite search index, in one statement
 * (see migration 0005 for why not one per case). Call it last in any transaction that inserts
 * cases; PostgreSQL's index is always current and needs nothing.
 */
export async function indexNewCases(db: HavenDb, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') return;
  // CROSS JOIN makes SQLite start from the few pending rows. With a plain JOIN and no
  // statistics it chose to scan every row of case_search_docs and look each one up in cases,
  // which made every intake transaction cost O(all cases): at 10k cases it was half of the
  // CPU of intake at 400 reports/s, and it grows with the database.
  await sql`INSERT INTO case_search (rowid, report_text, accounts, state)
    SELECT s.doc, s.report_text, s.accounts, s.state FROM case_search_pending p CROSS JOIN case_search_source s ON s.doc = p.doc`.execute(db);
  await sql`DELETE FROM case_search_pending`.execute(db);
}

/** Whether some inserted cases are not yet in the SQLite search index. */
export async function hasUnindexedCases(db: HavenDb, dialect: DialectName): Promise<boolean> {
  if (dialect === 'postgres') return false;
  const result = await sql<{ waiting: number }>`SELECT EXISTS (SELECT 1 FROM case_search_pending) AS waiting`.execute(db);
  return result.rows[0]?.waiting === 1;
}
