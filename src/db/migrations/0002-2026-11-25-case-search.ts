import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Full-text search over a case's report text and the accounts it reports.
 *
 * Both dialects keep `cases.search_accounts` (the reported usernames, space-separated, in
 * the order they were added) current with triggers on case_parties, so no service has to
 * remember it. SQLite indexes it with FTS5 as an external-content table; PostgreSQL with a
 * generated tsvector column and a GIN index. Both index words without stemming, because a
 * report may be in any language.
 */
export function caseSearchMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('cases').addColumn('search_accounts', 'text', (c) => c.notNull().defaultTo('')).execute();
      if (dialect === 'postgres') await upPostgres(db);
      else await upSqlite(db);
    },
    async down(): Promise<void> {
      throw new Error('The case-search migration cannot be reverted; restore a backup instead.');
    },
  };
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  // FTS5 needs a stable integer key. cases has a text primary key, and SQLite's rowid of
  // such a table is not promised to survive VACUUM, so the key lives in its own table with
  // an INTEGER PRIMARY KEY, which is.
  await sql`CREATE TABLE case_search_docs (
    doc INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL UNIQUE REFERENCES cases(id) ON DELETE CASCADE
  )`.execute(db);
  await sql`CREATE VIEW case_search_source AS
    SELECT d.doc AS doc, c.report_text AS report_text, c.search_accounts AS accounts
    FROM case_search_docs d JOIN cases c ON c.id = d.case_id`.execute(db);
  await sql`CREATE VIRTUAL TABLE case_search USING fts5(
    report_text, accounts,
    content = 'case_search_source', content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
  // An external-content index must be told the exact old values to forget them; they are
  // taken from OLD, which is what was indexed.
  await sql`CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
    INSERT INTO case_search_docs (case_id) VALUES (new.id);
    INSERT INTO case_search (rowid, report_text, accounts)
      SELECT doc, new.report_text, new.search_accounts FROM case_search_docs WHERE case_id = new.id;
  END`.execute(db);
  await sql`CREATE TRIGGER cases_search_update AFTER UPDATE OF report_text, search_accounts ON cases
    WHEN old.report_text IS NOT new.report_text OR old.search_accounts IS NOT new.search_accounts BEGIN
    INSERT INTO case_search (case_search, rowid, report_text, accounts)
      SELECT 'delete', doc, old.report_text, old.search_accounts FROM case_search_docs WHERE case_id = old.id;
    INSERT INTO case_search (rowid, report_text, accounts)
      SELECT doc, new.report_text, new.search_accounts FROM case_search_docs WHERE case_id = new.id;
  END`.execute(db);
  await sql`CREATE TRIGGER cases_search_delete BEFORE DELETE ON cases BEGIN
    INSERT INTO case_search (case_search, rowid, report_text, accounts)
      SELECT 'delete', doc, old.report_text, old.search_accounts FROM case_search_docs WHERE case_id = old.id;
    DELETE FROM case_search_docs WHERE case_id = old.id;
  END`.execute(db);
  const refresh = (caseId: string) => sql.raw(`UPDATE cases SET search_accounts = (
      SELECT coalesce(group_concat(username, ' ' ORDER BY created_at, id), '') FROM case_parties
      WHERE case_id = ${caseId} AND role = 'reported' AND username IS NOT NULL)
    WHERE id = ${caseId} AND search_accounts IS NOT (
      SELECT coalesce(group_concat(username, ' ' ORDER BY created_at, id), '') FROM case_parties
      WHERE case_id = ${caseId} AND role = 'reported' AND username IS NOT NULL);`);
  await sql`CREATE TRIGGER case_parties_search_insert AFTER INSERT ON case_parties
    WHEN new.role = 'reported' BEGIN ${refresh('new.case_id')} END`.execute(db);
  await sql`CREATE TRIGGER case_parties_search_delete AFTER DELETE ON case_parties
    WHEN old.role = 'reported' BEGIN ${refresh('old.case_id')} END`.execute(db);
  await sql`CREATE TRIGGER case_parties_search_update AFTER UPDATE OF case_id, role, username ON case_parties BEGIN
    ${refresh('old.case_id')} ${refresh('new.case_id')} END`.execute(db);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  // Account names weigh more than words of the report; 'simple' neither stems nor drops stop words.
  await sql`ALTER TABLE cases ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', search_accounts), 'A') || setweight(to_tsvector('simple', report_text), 'B')
  ) STORED`.execute(db);
  await sql`CREATE INDEX cases_search ON cases USING gin (search_vector)`.execute(db);
  // Statement-level triggers with transition tables: a multi-row insert of parties updates
  // each case once, and only when the list actually changed (so intake, which writes the
  // list with the case, causes no second row version).
  const refreshFrom = (table: string) => `UPDATE cases c SET search_accounts = fresh.accounts
      FROM (SELECT k.case_id, coalesce((SELECT string_agg(p.username, ' ' ORDER BY p.created_at, p.id) FROM case_parties p
              WHERE p.case_id = k.case_id AND p.role = 'reported' AND p.username IS NOT NULL), '') AS accounts
            FROM (SELECT DISTINCT case_id FROM ${table}) k) fresh
      WHERE c.id = fresh.case_id AND c.search_accounts IS DISTINCT FROM fresh.accounts;`;
  await sql.raw(`CREATE FUNCTION case_parties_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${refreshFrom('changed')} RETURN NULL; END $$`).execute(db);
  await sql.raw(`CREATE FUNCTION case_parties_search_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${refreshFrom('(SELECT case_id FROM old_rows UNION SELECT case_id FROM new_rows) u')} RETURN NULL; END $$`).execute(db);
  await sql`CREATE TRIGGER case_parties_search_insert AFTER INSERT ON case_parties
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_parties_search_changed()`.execute(db);
  await sql`CREATE TRIGGER case_parties_search_delete AFTER DELETE ON case_parties
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_parties_search_changed()`.execute(db);
  await sql`CREATE TRIGGER case_parties_search_update AFTER UPDATE ON case_parties
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_parties_search_updated()`.execute(db);
}
