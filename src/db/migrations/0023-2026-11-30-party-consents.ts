import type { ColumnDataType, Kysely, Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * What a reporter or a target agreed may be shared, and with whom (domain/consent.ts): one
 * row per party, replaced whole on each change (`grants` is a JSON list of subject and
 * audience pairs). No row: nothing may be shared. Who recorded it (the party on /status, or
 * a handler who asked them) is kept; each change is also on the timeline and in the audit log.
 */
export function partyConsentsMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('party_consents')
        .addColumn('party_id', 'text', (c) => c.primaryKey().references('case_parties.id').onDelete('cascade'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('grants', 'text', (c) => c.notNull())
        .addColumn('recorded_at', ts, (c) => c.notNull())
        .addColumn('recorded_by_kind', 'text', (c) => c.notNull())
        .addColumn('recorded_by_id', 'text')
        .execute();
      await db.schema.createIndex('party_consents_case').on('party_consents').column('case_id').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('party_consents').execute();
    },
  };
}
