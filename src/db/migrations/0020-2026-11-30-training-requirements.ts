import type { ColumnDataType, Kysely, Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * The training a desk requires before someone may take its cases: one row per desk and
 * module. Modules are files, so the module is named by its id, with the title it had when
 * the requirement was set (what a refusal names, even if the module's file is gone since).
 * Completion is the person's own (`training_progress.completed_at`), not the desk's.
 */
export function trainingRequirementsMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('desk_training_requirements')
        .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id').onDelete('cascade'))
        .addColumn('module_id', 'text', (c) => c.notNull())
        .addColumn('module_title', 'text', (c) => c.notNull())
        .addColumn('required_at', ts, (c) => c.notNull())
        .addColumn('required_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .addPrimaryKeyConstraint('desk_training_requirements_pk', ['desk_id', 'module_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('desk_training_requirements').execute();
    },
  };
}
