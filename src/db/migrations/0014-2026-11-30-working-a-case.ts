import { sql, type ColumnDataType, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Working a case to its end (issue 10: status moves, waiting, notes, reopening, withdrawal,
 * stale claims).
 * - `cases.waiting_on`, `waiting_since`, `wait_remind_at`, `paused_clock_due_at`: while a case
 *   waits on someone its clocks stop; `urgent_at` becomes the silence reminder's time, and the
 *   deadline it replaced is kept here to be resumed, shifted by the time spent waiting.
 * - `cases.withdrawal_requested_at`: the reporter asked to withdraw; a handler decides.
 * - `case_parties.messages_stopped_at`: the party asked not to be written to any more (reply
 *   notices are not emailed) until they ask again.
 * - `desks.stale_claim_days`: a claim without staff activity for this many days is released.
 * - Private notes are messages with the audience `staff`; they are never edited (a correction is
 *   a new note), which a trigger makes a promise of the database rather than of the code.
 */
export function workingACaseMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('cases').addColumn('waiting_on', 'text').execute();
      await db.schema.alterTable('cases').addColumn('waiting_since', ts).execute();
      await db.schema.alterTable('cases').addColumn('wait_remind_at', ts).execute();
      await db.schema.alterTable('cases').addColumn('paused_clock_due_at', ts).execute();
      await db.schema.alterTable('cases').addColumn('withdrawal_requested_at', ts).execute();
      await db.schema.alterTable('case_parties').addColumn('messages_stopped_at', ts).execute();
      await db.schema.alterTable('desks').addColumn('stale_claim_days', 'integer', (c) => c.notNull().defaultTo(7)).execute();
      // The stale-claim sweep reads only claimed open cases.
      await db.schema.createIndex('cases_claimed_open').on('cases').columns(['assignee_id', 'id'])
        .where(sql<boolean>`assignee_id IS NOT NULL AND is_open = 1`).execute();
      if (dialect === 'postgres') {
        await sql`CREATE FUNCTION haven_staff_notes_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'private notes cannot be changed; add a new note instead'; END $$`.execute(db);
        await sql`CREATE TRIGGER staff_notes_immutable BEFORE UPDATE ON messages
          FOR EACH ROW WHEN (OLD.audience = 'staff') EXECUTE FUNCTION haven_staff_notes_immutable()`.execute(db);
      } else {
        await sql`CREATE TRIGGER staff_notes_immutable BEFORE UPDATE ON messages
          WHEN OLD.audience = 'staff' BEGIN SELECT RAISE(ABORT, 'private notes cannot be changed; add a new note instead'); END`.execute(db);
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres') {
        await sql`DROP TRIGGER staff_notes_immutable ON messages`.execute(db);
        await sql`DROP FUNCTION haven_staff_notes_immutable()`.execute(db);
      } else {
        await sql`DROP TRIGGER staff_notes_immutable`.execute(db);
      }
      await db.schema.dropIndex('cases_claimed_open').execute();
      await db.schema.alterTable('desks').dropColumn('stale_claim_days').execute();
      await db.schema.alterTable('case_parties').dropColumn('messages_stopped_at').execute();
      for (const column of ['withdrawal_requested_at', 'paused_clock_due_at', 'wait_remind_at', 'waiting_since', 'waiting_on']) {
        await db.schema.alterTable('cases').dropColumn(column).execute();
      }
    },
  };
}
