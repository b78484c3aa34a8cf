import { sql, type Expression, type SqlBool } from 'kysely';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';
import { listQueue, type QueueFilter, type QueueRow } from './queue.js';
import { hasUnindexedCases, indexNewCases } from './case-search-index.js';

/** At most this many words of a query are used; more only slow the search down. */
const MAX_TERMS = 16;

/**
 * SQLite plan switch. Below this many matches within the queue being searched, the matching
 * cases are fetched and sorted; from it on, the queue is walked in urgency order and each case
 * is checked against the index. The first costs about 3 µs a match, the second about 20 µs a
 * case walked (51 × queue ÷ matches of them), so the worst of either at 1M cases stays near
 * 50 ms. See docs/PERFORMANCE.md.
 */
const WALK_THRESHOLD = 12_000;

/** The words of a user's query: split on white space, keeping only those with a letter or digit. */
export function searchTerms(text: string): string[] {
  return text.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)).slice(0, MAX_TERMS);
}

/**
 * An FTS5 query that matches every term as a literal phrase in the report text or the
 * accounts, and, when given, the queue state (`open`, or a status) in the state column. Each
 * term is put in double quotes with inner quotes doubled, so nothing the user types is read
 * as FTS5 syntax (AND, OR, NOT, NEAR, column filters, `*`, `^`, parentheses).
 */
export function fts5Query(terms: string[], state?: string): string {
  const words = `{report_text accounts} : (${terms.map(quote).join(' ')})`;
  return state === undefined ? words : `${words} AND state : ${quote(state)}`;
}

function quote(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
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
  const matching = dialect === 'postgres' ? postgresMatch(terms) : await sqliteMatch(db, terms, filter.status ?? 'open');
  return listQueue(db, { ...filter, matching });
}

function postgresMatch(terms: string[]): Expression<SqlBool> {
  // plainto_tsquery reads its input as plain words joined by AND: no operator syntax.
  return sql<SqlBool>`cases.search_vector @@ plainto_tsquery('simple', ${terms.join(' ')})`;
}

async function sqliteMatch(db: HavenDb, terms: string[], state: string): Promise<Expression<SqlBool>> {
  const ids = await sql<{ case_id: string }>`SELECT d.case_id FROM case_search JOIN case_search_docs d ON d.doc = case_search.rowid
    WHERE case_search MATCH ${fts5Query(terms, state)} LIMIT ${WALK_THRESHOLD}`.execute(db);
  if (ids.rows.length === 0) return sql<SqlBool>`0 = 1`;
  if (ids.rows.length < WALK_THRESHOLD) {
    // Few matches in this queue: they are all here; the query only filters and sorts them.
    return sql<SqlBool>`cases.id IN (${sql.join(ids.rows.map((r) => r.case_id))})`;
  }
  // Many: walk the queue's index in urgency order and keep the cases the index confirms; with
  // this many matches the page fills long before the walk gets far.
  return sql<SqlBool>`EXISTS (SELECT 1 FROM case_search_docs d, case_search
    WHERE d.case_id = cases.id AND case_search.rowid = d.doc AND case_search MATCH ${fts5Query(terms)})`;
}
