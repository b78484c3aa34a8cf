import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Account names still waiting for their blind index (`account_key`, migration 0031), found by
 * the worker's sweep every 30 seconds. Without this index the sweep read every party without
 * a key, and most parties (reporters who gave no account name) have none, so a large desk paid
 * a scan of most of `case_parties` every round, long after the last name was indexed. Like
 * `case_parties_contact_unindexed` (0015), it is empty once the worker has caught up.
 */
export function accountsUnindexedMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('case_parties_account_unindexed').on('case_parties').column('id')
        .where(sql<boolean>`username IS NOT NULL AND account_key IS NULL`).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('case_parties_account_unindexed').execute();
    },
  };
}
