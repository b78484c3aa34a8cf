import type { Kysely, Migration } from 'kysely';

/**
 * Looks up a party's access code by the party. The case page asks, for each party, whether
 * they hold a live code (only they can read a reply); without this index that question read
 * the whole reporter_access table for every party, which at a million cases took the case
 * page from a few milliseconds to most of a second.
 */
export function reporterAccessByPartyMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('reporter_access_party').ifNotExists().on('reporter_access').column('party_id').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('reporter_access_party').ifExists().execute();
    },
  };
}
