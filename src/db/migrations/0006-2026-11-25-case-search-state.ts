import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/** The `state` column of a case's search entry: whether it is open, and its status. */
function state(row: 'old' | 'new' | 'c'): string {
  return `(CASE WHEN ${row}.is_open = 1 THEN 'open ' ELSE 'closed ' END || ${row}.status)`;
}

/**
 * SQLite: the search index also holds each case's queue state (open or closed, and its
 * status), so a search narrows to the queue being searched inside FTS5, by intersecting word
 * lists, before any case row is read. Without it, searching the open queue for a word found in
 * 10,000 of 1M cases (mostly closed) meant reading all 10,000 or walking the open queue.
 * The state changes with the case, so the triggers now follow is_open and status too.
 */
export function caseSearchStateMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres') return;
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
      const forget = (row: 'old') => `INSERT INTO case_search (case_search, rowid, report_text, accounts, state)
          SELECT 'delete', doc, ${row}.report_text, ${row}.search_accounts, ${state(row)} FROM case_search_docs WHERE case_id = ${row}.id;`;
      const changed = "old.report_text IS NOT new.report_text OR old.search_accounts IS NOT new.search_accounts OR old.is_open IS NOT new.is_open OR old.status IS NOT new.status";
      // Cases still waiting in case_search_pending are indexed first, so FTS5 is never asked
      // to forget values it was not given.
      await sql.raw(`CREATE TRIGGER cases_search_update_pending BEFORE UPDATE OF report_text, search_accounts, is_open, status ON cases
        WHEN (${changed}) AND EXISTS (SELECT 1 FROM case_search_pending) BEGIN ${indexPending} END`).execute(db);
      await sql.raw(`CREATE TRIGGER cases_search_update AFTER UPDATE OF report_text, search_accounts, is_open, status ON cases
        WHEN ${changed} BEGIN
        ${forget('old')}
        INSERT INTO case_search (rowid, report_text, accounts, state)
          SELECT doc, new.report_text, new.search_accounts, ${state('new')} FROM case_search_docs WHERE case_id = new.id;
      END`).execute(db);
      await sql.raw(`CREATE TRIGGER cases_search_delete_pending BEFORE DELETE ON cases
        WHEN EXISTS (SELECT 1 FROM case_search_pending) BEGIN ${indexPending} END`).execute(db);
      await sql.raw(`CREATE TRIGGER cases_search_delete BEFORE DELETE ON cases BEGIN
        ${forget('old')}
        DELETE FROM case_search_docs WHERE case_id = old.id;
      END`).execute(db);
      await sql`INSERT INTO case_search (case_search) VALUES ('rebuild')`.execute(db);
      await sql`DELETE FROM case_search_pending`.execute(db);
    },
    async down(): Promise<void> {
      throw new Error('This migration cannot be reverted; restore a backup instead.');
    },
  };
}
