import { sql, type Expression, type SqlBool } from 'kysely';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';
import { listDeskQueues, type DeskQueueFilter, type QueueFilter, type QueueRow } from './queue.js';
import { hasUnindexedCases, indexNewCases } from './case-search-index.js';

/** At most this many words of a query are used; more only slow the search down. */
const MAX_TERMS = 16;

/**
 * SQLite plan switch. Below this many matches within the queue being searched, all their ids
 * are fetched from the index first (about 3 µs a match); from it on, the queue is walked in
 * urgency order and FTS5 is asked about each case (about 20 µs a case, 51 × queue ÷ matches of
 * them). Either way the worst case at 1M cases stays near 50 ms. See docs/PERFORMANCE.md.
 */
const WALK_THRESHOLD = 12_000;

/**
 * Below this many matches, the matching cases are looked up by id and sorted; above it, the
 * queue's index is walked and each entry's id checked against the list (the index holds the
 * id, so the check reads no case row). Random lookups cost up to 30 µs each in a cold 8 GB
 * file; the walk passes 51 × queue ÷ matches index entries at about 0.3 µs each.
 */
const LOOKUP_THRESHOLD = 2000;

/** The words of a user's query: split on white space, keeping only those with a letter or digit. */
export function searchTerms(text: string): string[] {
  return text.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)).slice(0, MAX_TERMS);
}

/**
 * An FTS5 query that matches every term as a literal phrase in the report text or the
 * accounts, and, when given, the queue state (`open`, or a status) and the desk in the state
 * column. Each term is put in double quotes with inner quotes doubled, so nothing the user
 * types is read as FTS5 syntax (AND, OR, NOT, NEAR, column filters, `*`, `^`, parentheses).
 */
export function fts5Query(terms: string[], state?: string, deskId?: string): string {
  const words = `{report_text accounts} : (${terms.map(quote).join(' ')})`;
  const inState = state === undefined ? words : `${words} AND state : ${quote(state)}`;
  return deskId === undefined ? inState : `${inState} AND state : ${quote(deskToken(deskId))}`;
}

/** The desk's token in the state column, as migration 0012 indexes it: `desk` and the id without hyphens. */
export function deskToken(deskId: string): string {
  return `desk${deskId.replaceAll('-', '')}`;
}

function quote(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/**
 * The queue narrowed to cases whose report text or reported accounts contain every word of
 * `text`, in the queue's own order (most urgent first) with the same filters, desks,
 * restricted-case rule and cursor. Words match whole, without stemming, case- and (on SQLite)
 * accent-blind. Each desk is searched on its own and the pages merged in one statement, as the queue is.
 */
export async function searchCaseQueue(
  db: HavenDb,
  dialect: DialectName,
  filter: Omit<QueueFilter, 'matching' | 'matchingIsSelective'> & {
    text: string;
    /** The install has this one desk only: every index entry is on it, so the desk is not asked of FTS5. */
    soleDesk: boolean;
  },
  /** The SQLite plan switches; tests lower them to take every path on a small database. */
  plan: { walkFrom: number; lookUpBelow: number } = { walkFrom: WALK_THRESHOLD, lookUpBelow: LOOKUP_THRESHOLD },
): Promise<QueueRow[]> {
  const { deskIds, soleDesk, text, ...rest } = filter;
  const terms = searchTerms(text);
  if (terms.length === 0) return [];
  // Every path that inserts cases indexes them before it commits; this only catches one that
  // forgot, so a case is never missing from search for longer than until the next search.
  if (await hasUnindexedCases(db, dialect)) await db.transaction().execute((trx) => indexNewCases(trx, dialect));
  const parts = await Promise.all(deskIds.map(async (deskId) => {
    const match: Pick<DeskQueueFilter, 'matching' | 'matchingIsSelective'> = dialect === 'postgres'
      ? { matching: postgresMatch(terms) }
      : await sqliteMatch(db, terms, { state: filter.status ?? 'open', deskId: soleDesk ? undefined : deskId }, plan);
    return { deskId, filter: { ...rest, ...match } };
  }));
  return listDeskQueues(db, parts, filter.limit);
}

function postgresMatch(terms: string[]): Expression<SqlBool> {
  // plainto_tsquery reads its input as plain words joined by AND: no operator syntax.
  return sql<SqlBool>`cases.search_vector @@ plainto_tsquery('simple', ${terms.join(' ')})`;
}

async function sqliteMatch(
  db: HavenDb, terms: string[], queue: { state: string; deskId: string | undefined }, plan: { walkFrom: number; lookUpBelow: number },
): Promise<Pick<DeskQueueFilter, 'matching' | 'matchingIsSelective'>> {
  const ids = await sql<{ case_id: string }>`SELECT d.case_id FROM case_search JOIN case_search_docs d ON d.doc = case_search.rowid
    WHERE case_search MATCH ${fts5Query(terms, queue.state, queue.deskId)} LIMIT ${plan.walkFrom}`.execute(db);
  if (ids.rows.length === 0) return { matching: sql<SqlBool>`0 = 1` };
  if (ids.rows.length < plan.walkFrom) {
    // Every match in this queue is in the list; the query filters and orders them.
    return {
      matching: sql<SqlBool>`cases.id IN (${sql.join(ids.rows.map((r) => r.case_id))})`,
      matchingIsSelective: ids.rows.length < plan.lookUpBelow,
    };
  }
  // Many: walk the queue's index in urgency order and keep the cases the index confirms; with
  // this many matches in this very queue the page fills long before the walk gets far.
  return {
    matching: sql<SqlBool>`EXISTS (SELECT 1 FROM case_search_docs d, case_search
      WHERE d.case_id = cases.id AND case_search.rowid = d.doc AND case_search MATCH ${fts5Query(terms)})`,
  };
}
