import type { ColumnDataType, Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { DialectName } from '../dialect-name.js';
import { newId } from '../../shared/ids.js';

/**
 * Groups, recusals and linked accounts (issue 11, items 6 and 7):
 * - `staff_groups`: a desk's named groups. `staff_group_members.group_id` and
 *   `cases.restricted_to_group` name one by id. Each desk has one escalation group
 *   (`escalation` = 1), made here for existing desks and filled with their escalation staff;
 * - `case_recusals`: a staff member who must not see a case (their own choice, a linked
 *   account the case names, or the reporter's wish). The case behaves as restricted for them;
 * - `staff_accounts`: the community account names a staff member holds, in matching form
 *   (domain/account-names.ts), so a case naming one is recused for them from intake on;
 * - `cases.recusal_escalated_at`: recusals left nobody on the desk to work the case, so it went
 *   to the escalation group. The queue flags it until someone works it.
 */
export function groupsMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('staff_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('escalation', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', ts, (c) => c.notNull())
        .addUniqueConstraint('staff_groups_name', ['desk_id', 'name'])
        .execute();
      await db.schema
        .createTable('case_recusals')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('case_recusals_pk', ['case_id', 'user_id'])
        .execute();
      // The queue asks "is the viewer recused from this case" per row: by user, then case.
      await db.schema.createIndex('case_recusals_user').on('case_recusals').columns(['user_id', 'case_id']).execute();
      await db.schema
        .createTable('staff_accounts')
        .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('account_key', 'text', (c) => c.notNull())
        .addColumn('account_name', 'text', (c) => c.notNull())
        .addColumn('added_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('staff_accounts_pk', ['user_id', 'account_key'])
        .execute();
      await db.schema.createIndex('staff_accounts_key').on('staff_accounts').columns(['account_key']).execute();
      await db.schema.alterTable('cases').addColumn('recusal_escalated_at', ts).execute();
      const now = new Date().toISOString();
      const desks = await sql<{ id: string }>`SELECT id FROM desks ORDER BY id`.execute(db);
      for (const desk of desks.rows) {
        const groupId = newId();
        await sql`INSERT INTO staff_groups (id, desk_id, name, escalation, created_at)
          VALUES (${groupId}, ${desk.id}, ${'Escalation'}, 1, ${now})`.execute(db);
        await sql`INSERT INTO staff_group_members (group_id, user_id, added_at)
          SELECT ${groupId}, user_id, ${now} FROM staff_desk_roles WHERE desk_id = ${desk.id} AND role = 'escalation'`.execute(db);
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`DELETE FROM staff_group_members WHERE group_id IN (SELECT id FROM staff_groups)`.execute(db);
      await db.schema.alterTable('cases').dropColumn('recusal_escalated_at').execute();
      await db.schema.dropTable('staff_accounts').execute();
      await db.schema.dropTable('case_recusals').execute();
      await db.schema.dropTable('staff_groups').execute();
    },
  };
}
