import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The account names of the people a case protects (reporter, target, witness) are sealed like
 * their addresses, in `username_enc`, bound to their party. Only reported accounts stay in
 * `username` in the clear: they are what a handler searches for and what links a pattern of
 * cases, and the search index holds them already. A migration has no key, so names written
 * before this one are sealed by the worker's sweep; the partial index holds just those, so the
 * sweep reads nothing once it has caught up.
 */
export function sealedAccountNamesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('case_parties').addColumn('username_enc', 'text').execute();
      await db.schema.createIndex('case_parties_name_unsealed').on('case_parties').column('id')
        .where(sql<boolean>`username IS NOT NULL AND role <> 'reported'`).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('case_parties_name_unsealed').execute();
      await db.schema.alterTable('case_parties').dropColumn('username_enc').execute();
    },
  };
}
