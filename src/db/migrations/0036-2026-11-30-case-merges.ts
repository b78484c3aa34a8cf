import type { Kysely, Migration } from 'kysely';

/**
 * Merging a duplicate case into another (issue 12): the duplicate keeps its row and its
 * reference, closed as `duplicate`, and points at the case that absorbed its parties, evidence,
 * messages and timeline, so its reference still leads staff (and its reporter) to the work.
 */
export function caseMergesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('cases').addColumn('merged_into', 'text').execute();
      await db.schema.createIndex('cases_merged_into').on('cases').column('merged_into').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('cases_merged_into').execute();
      await db.schema.alterTable('cases').dropColumn('merged_into').execute();
    },
  };
}
