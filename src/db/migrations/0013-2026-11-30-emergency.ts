import { sql, type ColumnDataType, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Emergencies (issue 9).
 * - `desk_emergency_settings`: per desk, the emergency and fallback contacts (sealed), the two
 *   waiting times and whether any role may be on duty. No row: defaults, no contacts.
 * - `staff_duty`: a staff member's own word on their duty on a desk (available, away; no row or
 *   `rota`: as the rota says).
 * - `desk_rota`: a desk's weekly rota, slots in UTC minutes.
 * - `emergency_alerts`: one per emergency report, written with the report. It carries the
 *   alarm's state (acknowledged or not), the packet's (forwarded, confirmed, sent to the
 *   fallback), and the flood keys (keyed hashes of the source and of the text) with the wave it
 *   joined (`group_id`, the first alert of the wave) and whether its automatic forward is held.
 */
export function emergencyMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('desk_emergency_settings')
        .addColumn('desk_id', 'text', (c) => c.primaryKey().references('desks.id').onDelete('cascade'))
        .addColumn('contact_email_enc', 'text')
        .addColumn('fallback_email_enc', 'text')
        .addColumn('forward_after_minutes', 'integer', (c) => c.notNull())
        .addColumn('fallback_after_minutes', 'integer', (c) => c.notNull())
        .addColumn('any_role_on_duty', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .execute();

      await db.schema
        .createTable('staff_duty')
        .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id').onDelete('cascade'))
        .addColumn('availability', 'text', (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('staff_duty_pk', ['user_id', 'desk_id'])
        .execute();

      await db.schema
        .createTable('desk_rota')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('weekday', 'integer', (c) => c.notNull())
        .addColumn('start_minute', 'integer', (c) => c.notNull())
        .addColumn('end_minute', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('desk_rota_by_desk').on('desk_rota').columns(['desk_id', 'weekday']).execute();

      await db.schema
        .createTable('emergency_alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().unique().references('cases.id').onDelete('cascade'))
        .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id').onDelete('cascade'))
        .addColumn('raised_at', ts, (c) => c.notNull())
        .addColumn('source_key', 'text')
        .addColumn('text_key', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text')
        .addColumn('flood_reason', 'text')
        .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('acknowledged_at', ts)
        .addColumn('acknowledged_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .addColumn('forwarded_at', ts)
        .addColumn('forwarded_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .addColumn('confirm_token_hash', 'text')
        .addColumn('confirmed_at', ts)
        .addColumn('fallback_at', ts)
        .execute();
      // The alarm: unacknowledged alerts of a desk, a handful at a time.
      await db.schema.createIndex('emergency_alerts_open').on('emergency_alerts').columns(['desk_id', 'raised_at'])
        .where(sql.ref('acknowledged_at'), 'is', null).execute();
      // The flood rule: recent alerts of a desk.
      await db.schema.createIndex('emergency_alerts_recent').on('emergency_alerts').columns(['desk_id', 'raised_at']).execute();
      await db.schema.createIndex('emergency_alerts_confirm').on('emergency_alerts').column('confirm_token_hash')
        .where(sql.ref('confirm_token_hash'), 'is not', null).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('emergency_alerts').execute();
      await db.schema.dropTable('desk_rota').execute();
      await db.schema.dropTable('staff_duty').execute();
      await db.schema.dropTable('desk_emergency_settings').execute();
    },
  };
}
