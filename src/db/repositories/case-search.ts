import { sql, type Expression, type SqlBool } from 'kysely';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';
import { listQueue, type QueueFilter, type QueueRow } from './queue.js';
import { hasUnindexedCases, indexNewCases } from './case-search-index.js';

/** At most this many words of a query are used; more only slow the search down. */
const MAX_TERMS = 16;

/**
 * Past this many matching documents the SQLite search walks the queue in urgency order and
 * asks the index about each case, instead of fetching every match and sorting it. Both ways
 * cost about sqrt(51 × cases) steps at the switch-over; see docs/PERFORMANCE.md.
 */
const WALK_THRESHOLD = 4000;

/** The words of a user's query: split on white space, keeping only those with a letter or digit. */
export function searchTerms(text: string): string[] {
  return text.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)).slice(0, MAX_TERMS);
}

/**
 * An FTS5 query that matches every term as a literal phrase. Each term is put in double
 * quotes with inner quotes doubled, so nothing the user types is read as FTS5 syntax
 * (AND, OR, NOT, NEAR, column filters, `*`, `^`, parentheses).
 */
export function fts5Query(terms: string[]): string {
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');
}

/**
 * The queue narrowed to cases whose report text or reported accounts contain every word of
 * `text`, in the queue's own order (most urgent first) with the same filters, restricted-case
 * rule and cursor. Words match whole, without stemming, case- and (on SQLite) accent-blind.
 */
export async function searchCaseQueue(
  db: HavenDb,
  dialect: DialectName,
  filter: Omit<QueueFilter, 'matching'> & { text: string },
): Promise<QueueRow[]> {
  const terms = searchTerms(filter.text);
  if (terms.length === 0) return [];
  // Every path that inserts cases indexes them before it commits; this only catches one that
  // forgot, so a case is never missing from search for longer than until the next search.
  if (await hasUnindexedCases(db, dialect)) await db.transaction().execute((trx) => indexNewCases(trx, dialect));
  const matching = dialect === 'postgres' ? postgresMatch(terms) : await sqliteMatch(db, fts5Query(terms));
  return listQueue(db, { ...filter, matching });
}

function postgresMatch(terms: string[]): Expression<SqlBool> {
  // plainto_tsquery reads its input as plain words joined by AND: no operator syntax.
  return sql<SqlBool>`cases.search_vector @@ plainto_tsquery('simple', ${terms.join(' ')})`;
}

async function sqliteMatch(db: HavenDb, query: string): Promise<Expression<SqlBool>> {
  const probe = await sql<{ n: number }>`SELECT count(*) AS n FROM (
    SELECT 1 FROM case_search WHERE case_search MATCH ${query} LIMIT ${WALK_THRESHOLD})`.execute(db);
  const matches = probe.rows[0]?.n ?? 0;
  if (matches < WALK_THRESHOLD) {
    // Few matches: fetch them all, then filter and sort the handful that are left.
    return sql<SqlBool>`cases.id IN (SELECT d.case_id FROM case_search JOIN case_search_docs d ON d.doc = case_search.rowid
      WHERE case_search MATCH ${query})`;
  }
  // Many matches: walk the queue's index and keep the cases the index confirms; a common
  // word fills the page long before the walk gets far.
  return sql<SqlBool>`EXISTS (SELECT 1 FROM case_search_docs d, case_search
    WHERE d.case_id = cases.id AND case_search.rowid = d.doc AND case_search MATCH ${query})`;
}
