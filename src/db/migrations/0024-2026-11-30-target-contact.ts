import type { ColumnDataType, Kysely, Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Third-party reports and private evidence:
 * - `target_wishes`: what the target of a third-party report said when the desk contacted
 *   them privately (domain/consent.ts `TargetWishes`): whether they want action, whether they
 *   agree to public steps; null for not asked or not answered. One row per target party,
 *   replaced on each change. The investigation goes on whatever it says.
 * - `evidence.is_private`: evidence a party supplied privately (a screenshot, an email, a
 *   link not public on the wiki). The leak guard keeps it from reaching a reported person.
 * - `messages.delivery`: how a message reaches its party: `status_page` (a thread behind an
 *   access code), `email` (a reported person with a known address) or `by_hand` (the handler
 *   copies it to the wiki). Null for staff notes and messages from a party.
 */
export function targetContactMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('target_wishes')
        .addColumn('party_id', 'text', (c) => c.primaryKey().references('case_parties.id').onDelete('cascade'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('wants_action', 'text')
        .addColumn('agrees_to_public_steps', 'integer')
        .addColumn('recorded_at', ts, (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('target_wishes_case').on('target_wishes').column('case_id').execute();
      await db.schema.alterTable('evidence').addColumn('is_private', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('messages').addColumn('delivery', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('messages').dropColumn('delivery').execute();
      await db.schema.alterTable('evidence').dropColumn('is_private').execute();
      await db.schema.dropTable('target_wishes').execute();
    },
  };
}
