import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Replies to reporters and the reminders that keep promises:
 * - `messages.promised_update_by`: the date a reply promised the next update, kept with the
 *   reply itself so the thread shows what was promised when;
 * - `staff_users.email_enc`: where reminders reach a staff member (sealed like every
 *   contact address; optional, since a desk may rely on the console alone).
 */
export function repliesAndRemindersMigration(dialect: DialectName): Migration {
  const ts = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('messages').addColumn('promised_update_by', ts).execute();
      await db.schema.alterTable('staff_users').addColumn('email_enc', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('staff_users').dropColumn('email_enc').execute();
      await db.schema.alterTable('messages').dropColumn('promised_update_by').execute();
    },
  };
}
