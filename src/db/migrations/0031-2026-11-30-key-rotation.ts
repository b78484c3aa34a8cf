import { sql, type ColumnDataType, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Where `haven rotate-key` stands: one row per step (a sealed column, or a blind index) of the
 * rotation to one key, with the last id done. Each batch of re-sealed rows and its cursor
 * commit together, so a run killed midway resumes after the last batch that committed.
 *
 * Also: `case_parties.account_key` held the account's normal form in the clear (migration
 * 0029); from here it holds the keyed blind index, the same as `account_index`. Rows with no
 * index yet lose their key here and get it back from the worker's sweep, which has the key.
 */
export function keyRotationMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('key_rotation_steps')
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('cursor', 'text')
        .addColumn('resealed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('key_rotation_steps_pk', ['key_id', 'step'])
        .execute();
      await sql`UPDATE case_parties SET account_key = account_index`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('key_rotation_steps').execute();
    },
  };
}
