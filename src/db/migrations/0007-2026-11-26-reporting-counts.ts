import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * An index keyed by the UTC calendar month a case was received in, then its category, so
 * "counts by category and month" walks the index in group order: no table reads, no sort.
 * Measured at 1M cases over 120 months, a covering index on (received_at, category) still
 * had to sort or hash every row by month (SQLite ~540 ms, PostgreSQL ~300 ms on 2 cores);
 * keying on the month itself made it ~95 ms and ~120-170 ms. The reporting repository must
 * use exactly these expressions, or the planners will not match them to the index.
 *
 * SQLite stores received_at as ISO-8601 UTC text, so the month is its first seven characters.
 * PostgreSQL: `AT TIME ZONE 'UTC'` makes date_trunc immutable (indexable) and independent of
 * the session time zone; INCLUDE (received_at) lets the scan be index-only, since PostgreSQL
 * will not skip the table when the query names a column only inside an indexed expression.
 */
export function reportingCountsMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      switch (dialect) {
        case 'sqlite':
          await sql`CREATE INDEX cases_month_category ON cases (substr(received_at, 1, 7), category)`.execute(db);
          return;
        case 'postgres':
          await sql`CREATE INDEX cases_month_category ON cases ((date_trunc('month', received_at AT TIME ZONE 'UTC')), category) INCLUDE (received_at)`.execute(db);
          return;
        default: {
          const unreachable: never = dialect;
          throw new Error(`Unknown dialect: ${String(unreachable)}`);
        }
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      // The same statement on both dialects: the index has one name everywhere.
      await sql`DROP INDEX IF EXISTS cases_month_category`.execute(db);
    },
  };
}
