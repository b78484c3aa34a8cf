import { sql, type ColumnDataType, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Staff accounts that cannot be turned against their owners, and administered from the console.
 * - `staff_users`: a TOTP secret (sealed), the secret of an enrolment not yet confirmed, and the
 *   last time step a code was accepted for, so a code is good once.
 * - `staff_recovery_codes`: ten single-use codes per enrolment, by their hash.
 * - `staff_sessions`: when it was last used (the idle timeout) and when its second factor was
 *   given (null: not in this session).
 * - `login_failures.source`: a keyed hash of the address a failure came from, so sign-in is
 *   throttled per username and source together. Older rows get '' (an unknown source).
 * - `desks.require_second_factor`: the desk's admins may require TOTP of every role (admins
 *   need it always).
 * - `staff_invitations`: one-time links to set a first password, by the hash of their token.
 */
export function accountsMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('staff_users').addColumn('totp_secret_enc', 'text').execute();
      await db.schema.alterTable('staff_users').addColumn('totp_pending_enc', 'text').execute();
      await db.schema.alterTable('staff_users').addColumn('totp_last_step', 'bigint').execute();
      await db.schema.alterTable('staff_sessions').addColumn('last_seen_at', ts).execute();
      await sql`UPDATE staff_sessions SET last_seen_at = created_at`.execute(db);
      await db.schema.alterTable('staff_sessions').addColumn('second_factor_at', ts).execute();
      await db.schema.createIndex('staff_sessions_user').on('staff_sessions').column('user_id').execute();
      await db.schema.alterTable('login_failures').addColumn('source', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.createIndex('login_failures_username_source_at').on('login_failures').columns(['username', 'source', 'at']).execute();
      await db.schema.alterTable('desks').addColumn('require_second_factor', 'integer', (c) => c.notNull().defaultTo(0)).execute();

      await db.schema
        .createTable('staff_recovery_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('used_at', ts)
        .execute();
      await db.schema.createIndex('staff_recovery_codes_user').on('staff_recovery_codes').columns(['user_id', 'code_hash']).execute();

      await db.schema
        .createTable('staff_invitations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('email_enc', 'text', (c) => c.notNull())
        .addColumn('invited_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('expires_at', ts, (c) => c.notNull())
        .addColumn('used_at', ts)
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('staff_invitations').execute();
      await db.schema.dropTable('staff_recovery_codes').execute();
      await db.schema.alterTable('desks').dropColumn('require_second_factor').execute();
      await db.schema.dropIndex('login_failures_username_source_at').execute();
      await db.schema.alterTable('login_failures').dropColumn('source').execute();
      await db.schema.dropIndex('staff_sessions_user').execute();
      await db.schema.alterTable('staff_sessions').dropColumn('second_factor_at').execute();
      await db.schema.alterTable('staff_sessions').dropColumn('last_seen_at').execute();
      await db.schema.alterTable('staff_users').dropColumn('totp_last_step').execute();
      await db.schema.alterTable('staff_users').dropColumn('totp_pending_enc').execute();
      await db.schema.alterTable('staff_users').dropColumn('totp_secret_enc').execute();
    },
  };
}
