import type { ColumnDataType, Kysely, Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Referrals (issue 12): the address each of a desk's outside venues is written to (sealed, like
 * the emergency contacts), and each referral a case made: the packet exactly as it went (so the
 * record says what left the desk), the venue's answer, and how the wait on the venue ended.
 */
export function referralsMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('desk_venue_addresses')
        .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id').onDelete('cascade'))
        .addColumn('venue', 'text', (c) => c.notNull())
        .addColumn('email_enc', 'text', (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .addPrimaryKeyConstraint('desk_venue_addresses_pk', ['desk_id', 'venue'])
        .execute();
      await db.schema
        .createTable('case_referrals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('venue', 'text', (c) => c.notNull())
        .addColumn('sent_at', ts, (c) => c.notNull())
        .addColumn('sent_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        // The packet as built when it was sent, as JSON, without the reporter's address.
        .addColumn('packet', 'text', (c) => c.notNull())
        // The reporter's address, only when their consent covered it; sealed to this referral.
        .addColumn('reporter_contact_enc', 'text')
        .addColumn('answer', 'text')
        .addColumn('answered_at', ts)
        .addColumn('answered_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .addColumn('ended_at', ts)
        .addColumn('ended_how', 'text')
        .execute();
      await db.schema.createIndex('case_referrals_case').on('case_referrals').columns(['case_id', 'sent_at']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('case_referrals').execute();
      await db.schema.dropTable('desk_venue_addresses').execute();
    },
  };
}
