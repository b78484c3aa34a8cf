import { sql, type Kysely } from 'kysely';

// SQLite only. The search index's `state` column (migration 0006) holds a case's queue state,
// so a search narrows to the queue being searched inside FTS5 before any case row is read.
// With desks the queue being searched is also a desk's: `state` gains the token `desk<id>`
// (the id without hyphens, one token for the unicode61 tokenizer). Without it, a word common
// on one desk and absent from another made a search on the second walk its whole queue.
// The state is part of what was indexed, so changing it rebuilds the index (a minute or two
// at a million cases) and every trigger that tells FTS5 what to forget.

type StateOf = (row: 'old' | 'new' | 'c') => string;

/** 0006's state: open or closed, and the status. */
const withoutDesk: StateOf = (row) => `(CASE WHEN ${row}.is_open = 1 THEN 'open ' ELSE 'closed ' END || ${row}.status)`;

/** 0012's state: the same, and the desk. src/db/repositories/case-search.ts writes the token alike. */
const withDesk: StateOf = (row) => `(${withoutDesk(row)} || ' desk' || replace(${row}.desk_id, '-', ''))`;

/** Moves the search index to the state with the desk. */
export function searchStateWithDesk(db: Kysely<unknown>): Promise<void> {
  return rebuildSearch(db, withDesk, ['report_text', 'search_accounts', 'is_open', 'status', 'desk_id']);
}

/** Moves the search index back to 0006's state. */
export function searchStateWithoutDesk(db: Kysely<unknown>): Promise<void> {
  return rebuildSearch(db, withoutDesk, ['report_text', 'search_accounts', 'is_open', 'status']);
}

async function rebuildSearch(db: Kysely<unknown>, state: StateOf, watched: string[]): Promise<void> {
  for (const trigger of ['cases_search_update', 'cases_search_delete', 'cases_search_update_pending', 'cases_search_delete_pending']) {
    await sql`DROP TRIGGER ${sql.id(trigger)}`.execute(db);
  }
  await sql`DROP TABLE case_search`.execute(db);
  await sql`DROP VIEW case_search_source`.execute(db);
  await sql.raw(`CREATE VIEW case_search_source AS
    SELECT d.doc AS doc, c.report_text AS report_text, c.search_accounts AS accounts, ${state('c')} AS state
    FROM case_search_docs d JOIN cases c ON c.id = d.case_id`).execute(db);
  await sql`CREATE VIRTUAL TABLE case_search USING fts5(
    report_text, accounts, state,
    content = 'case_search_source', content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
  const indexPending = `INSERT INTO case_search (rowid, report_text, accounts, state)
      SELECT s.doc, s.report_text, s.accounts, s.state FROM case_search_pending p JOIN case_search_source s ON s.doc = p.doc;
    DELETE FROM case_search_pending;`;
  const forget = `INSERT INTO case_search (case_search, rowid, report_text, accounts, state)
      SELECT 'delete', doc, old.report_text, old.search_accounts, ${state('old')} FROM case_search_docs WHERE case_id = old.id;`;
  const changed = watched.map((column) => `old.${column} IS NOT new.${column}`).join(' OR ');
  const columns = watched.join(', ');
  // Cases still waiting in case_search_pending are indexed first, so FTS5 is never asked to
  // forget values it was not given.
  await sql.raw(`CREATE TRIGGER cases_search_update_pending BEFORE UPDATE OF ${columns} ON cases
    WHEN (${changed}) AND EXISTS (SELECT 1 FROM case_search_pending) BEGIN ${indexPending} END`).execute(db);
  await sql.raw(`CREATE TRIGGER cases_search_update AFTER UPDATE OF ${columns} ON cases
    WHEN ${changed} BEGIN
    ${forget}
    INSERT INTO case_search (rowid, report_text, accounts, state)
      SELECT doc, new.report_text, new.search_accounts, ${state('new')} FROM case_search_docs WHERE case_id = new.id;
  END`).execute(db);
  await sql.raw(`CREATE TRIGGER cases_search_delete_pending BEFORE DELETE ON cases
    WHEN EXISTS (SELECT 1 FROM case_search_pending) BEGIN ${indexPending} END`).execute(db);
  await sql.raw(`CREATE TRIGGER cases_search_delete BEFORE DELETE ON cases BEGIN
    ${forget}
    DELETE FROM case_search_docs WHERE case_id = old.id;
  END`).execute(db);
  await sql`INSERT INTO case_search (case_search) VALUES ('rebuild')`.execute(db);
  await sql`DELETE FROM case_search_pending`.execute(db);
}
