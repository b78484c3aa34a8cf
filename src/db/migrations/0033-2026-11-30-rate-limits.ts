import type { Kysely, Migration } from 'kysely';

/**
 * Rate-limit counts shared by every instance on one PostgreSQL database (issue 14, item 3):
 * one row per rule, key and fixed window, its key a keyed hash (never a source address), and
 * its window's end in epoch milliseconds, so a row past its end is dead and may go at once.
 * SQLite keeps its counts in memory (one server per file), so there the table stays empty.
 */
export function rateLimitsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('rate_limit_counts')
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('window_end', 'bigint', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_limit_counts_pkey', ['rule', 'key', 'window_end'])
        .execute();
      await db.schema.createIndex('rate_limit_counts_end').on('rate_limit_counts').column('window_end').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('rate_limit_counts').execute();
    },
  };
}
