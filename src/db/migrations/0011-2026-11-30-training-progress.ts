import type { ColumnDataType, Kysely, Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Training progress, per staff member and module. Modules are files, so nothing here
 * points at them but their ids (the folder name, a section's and a question's id).
 * - `training_progress`: one row per person and module: when they started, were last
 *   active, and first completed it (completion stays when a module later grows);
 * - `training_sections_read`: each section a person has opened;
 * - `training_answers`: each question's first and latest answer, the number of tries,
 *   and when the best option was first chosen (what completion asks for).
 * A desk's requirement of modules (later) joins `training_progress.completed_at` by
 * module id; progress belongs to the person, not to a desk.
 */
export function trainingProgressMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('training_progress')
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('module_id', 'text', (c) => c.notNull())
        .addColumn('started_at', ts, (c) => c.notNull())
        .addColumn('last_activity_at', ts, (c) => c.notNull())
        .addColumn('completed_at', ts)
        .addPrimaryKeyConstraint('training_progress_pk', ['staff_id', 'module_id'])
        .execute();

      await db.schema
        .createTable('training_sections_read')
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('module_id', 'text', (c) => c.notNull())
        .addColumn('section_id', 'text', (c) => c.notNull())
        .addColumn('first_read_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('training_sections_read_pk', ['staff_id', 'module_id', 'section_id'])
        .execute();

      await db.schema
        .createTable('training_answers')
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('module_id', 'text', (c) => c.notNull())
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('first_option', 'text', (c) => c.notNull())
        .addColumn('first_correct', 'integer', (c) => c.notNull())
        .addColumn('first_at', ts, (c) => c.notNull())
        .addColumn('latest_option', 'text', (c) => c.notNull())
        .addColumn('latest_correct', 'integer', (c) => c.notNull())
        .addColumn('latest_at', ts, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('best_chosen_at', ts)
        .addPrimaryKeyConstraint('training_answers_pk', ['staff_id', 'module_id', 'question_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('training_answers').execute();
      await db.schema.dropTable('training_sections_read').execute();
      await db.schema.dropTable('training_progress').execute();
    },
  };
}
