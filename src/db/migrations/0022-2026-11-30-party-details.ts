import { sql, type ColumnDataType, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * What a desk keeps about each person in a case, beyond their role and account name:
 * - `display_name_enc`: the name they go by, sealed like the contact address (a name is as
 *   identifying as an address, and reporters often give their real one).
 * - `account_index`: a keyed blind index (HMAC) of the account name's normalised form
 *   (domain/account-names.ts), so cases and conflicts of interest can be matched by account
 *   without comparing names in clear. Intake and party changes write it; parties from before
 *   this migration have none until their name is next written (the migration has no key).
 * - `updated_at`: when a handler last changed the party.
 */
export function partyDetailsMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('case_parties').addColumn('display_name_enc', 'text').execute();
      await db.schema.alterTable('case_parties').addColumn('account_index', 'text').execute();
      await db.schema.alterTable('case_parties').addColumn('updated_at', ts).execute();
      await db.schema.createIndex('case_parties_account_index').on('case_parties').column('account_index')
        .where(sql.ref('account_index'), 'is not', null).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('case_parties_account_index').execute();
      await db.schema.alterTable('case_parties').dropColumn('updated_at').execute();
      await db.schema.alterTable('case_parties').dropColumn('account_index').execute();
      await db.schema.alterTable('case_parties').dropColumn('display_name_enc').execute();
    },
  };
}
