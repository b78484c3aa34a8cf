import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * SQLite: two changes that keep intake from writing the search index over and over.
 *
 * 1. New cases are queued for the search index and indexed once per transaction
 *    (indexNewCases), instead of one trigger insert into FTS5 per case.
 * FTS5 writes its pending terms out as a new segment at every statement savepoint, and every
 * INSERT that fires a trigger opens one. Indexing each case from its own INSERT therefore wrote
 * a segment per case: 592 WAL pages for 64 cases in one transaction, against 70 when the 64 are
 * indexed by one statement. Updates and deletions still go through the triggers of 0002.
 *
 * 2. A reported party added to a case appends its name to search_accounts unless the name is
 *    there already (as intake writes it with the case). The row trigger of 0002 recomputed the
 *    list from the parties so far, which in a multi-row insert is a partial list: a report
 *    naming three accounts rewrote its case, and re-indexed it, three times.
 */
export function caseSearchBatchedMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres') return;
      await sql`CREATE TABLE case_search_pending (doc INTEGER PRIMARY KEY)`.execute(db);
      await sql`DROP TRIGGER cases_search_insert`.execute(db);
      await sql`CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
        INSERT INTO case_search_docs (case_id) VALUES (new.id);
        INSERT INTO case_search_pending (doc) SELECT doc FROM case_search_docs WHERE case_id = new.id;
      END`.execute(db);
      // An update or deletion of a case still waiting to be indexed must not reach FTS5 with
      // values it never saw: index the waiting ones first.
      await sql`CREATE TRIGGER cases_search_update_pending BEFORE UPDATE OF report_text, search_accounts ON cases
        WHEN EXISTS (SELECT 1 FROM case_search_pending) BEGIN
        INSERT INTO case_search (rowid, report_text, accounts)
          SELECT s.doc, s.report_text, s.accounts FROM case_search_pending p JOIN case_search_source s ON s.doc = p.doc;
        DELETE FROM case_search_pending;
      END`.execute(db);
      await sql`DROP TRIGGER case_parties_search_insert`.execute(db);
      await sql`CREATE TRIGGER case_parties_search_insert AFTER INSERT ON case_parties
        WHEN new.role = 'reported' AND new.username IS NOT NULL BEGIN
        UPDATE cases SET search_accounts = ltrim(search_accounts || ' ' || new.username)
          WHERE id = new.case_id AND instr(' ' || search_accounts || ' ', ' ' || new.username || ' ') = 0;
      END`.execute(db);
      await sql`CREATE TRIGGER cases_search_delete_pending BEFORE DELETE ON cases
        WHEN EXISTS (SELECT 1 FROM case_search_pending) BEGIN
        INSERT INTO case_search (rowid, report_text, accounts)
          SELECT s.doc, s.report_text, s.accounts FROM case_search_pending p JOIN case_search_source s ON s.doc = p.doc;
        DELETE FROM case_search_pending;
      END`.execute(db);
    },
    async down(): Promise<void> {
      throw new Error('This migration cannot be reverted; restore a backup instead.');
    },
  };
}
