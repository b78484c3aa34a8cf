import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * PostgreSQL's TRUNCATE fires no row triggers, so the append-only guard of the first
 * migration let the whole audit log be emptied in one statement, after which an empty chain
 * still verified. A statement trigger closes that door. SQLite has no TRUNCATE: its
 * DELETE without WHERE runs the row triggers once a table has any.
 */
export function auditLogNoTruncateMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`DROP TRIGGER audit_log_no_truncate ON audit_log`.execute(db);
    },
  };
}
