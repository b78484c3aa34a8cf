import { sql, type ColumnDataType, type Kysely, type Migration } from 'kysely';
import { newId } from '../../shared/ids.js';
import { STARTER_TEMPLATES } from '../../domain/starter-templates.js';
import type { DialectName } from '../dialect-name.js';

/**
 * Working a case to its end (issue 10, templates and closing):
 * - `reply_templates`: a desk's reply templates. Retiring keeps the row (`retired_at`), since
 *   sent messages name the template they started from. Every desk that exists gets the starter
 *   templates here; a desk added later gets them from `createDesk`.
 * - `messages.template_id` and `messages.boilerplate_confirmed`: the template a reply started
 *   from, and whether the handler sent it anyway after the boilerplate warning.
 * - `case_closings`: the closing record of each close (a reopened and closed again case has
 *   several; the latest is the case's). `reviewed_by` and `actions` are JSON.
 * - `cases_broken_promises`: open cases with a promised update, by desk and date, so the list
 *   of promises that passed without a reply is one short index walk per desk.
 */
export function templatesAndClosingMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('reply_templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .addColumn('retired_at', ts)
        .execute();
      await db.schema.createIndex('reply_templates_desk').on('reply_templates').columns(['desk_id', 'name']).execute();
      const desks = await sql<{ id: string }>`SELECT id FROM desks`.execute(db);
      const now = new Date();
      for (const desk of desks.rows) {
        for (const t of STARTER_TEMPLATES) {
          await sql`INSERT INTO reply_templates (id, desk_id, name, language, purpose, body, created_at, updated_at)
            VALUES (${newId(now.getTime())}, ${desk.id}, ${t.name}, 'en', ${t.purpose}, ${t.body}, ${now.toISOString()}, ${now.toISOString()})`.execute(db);
        }
      }

      await db.schema.alterTable('messages').addColumn('template_id', 'text').execute();
      await db.schema.alterTable('messages').addColumn('boilerplate_confirmed', 'integer', (c) => c.notNull().defaultTo(0)).execute();

      await db.schema
        .createTable('case_closings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .addColumn('reviewed_by', 'text', (c) => c.notNull())
        .addColumn('actions', 'text', (c) => c.notNull())
        .addColumn('next_steps', 'text')
        .addColumn('duplicate_of', 'text')
        .addColumn('follow_up_at', ts)
        .addColumn('closed_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .addColumn('closed_at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_closings_case').on('case_closings').columns(['case_id', 'closed_at']).execute();

      await db.schema.createIndex('cases_broken_promises').on('cases').columns(['desk_id', 'next_update_due_at', 'id'])
        .where(sql<boolean>`is_open = 1 AND next_update_due_at IS NOT NULL`).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('cases_broken_promises').execute();
      await db.schema.dropTable('case_closings').execute();
      await db.schema.alterTable('messages').dropColumn('boilerplate_confirmed').execute();
      await db.schema.alterTable('messages').dropColumn('template_id').execute();
      await db.schema.dropTable('reply_templates').execute();
    },
  };
}
