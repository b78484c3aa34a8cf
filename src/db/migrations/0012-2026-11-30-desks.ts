import { sql, type ColumnDataType, type Kysely, type Migration } from 'kysely';
import { newId } from '../../shared/ids.js';
import type { DialectName } from '../dialect-name.js';
import { deskIndexes, globalIndexes } from './0012-2026-11-30-desks-indexes.js';
import { searchStateWithDesk, searchStateWithoutDesk } from './0012-2026-11-30-desks-search.js';

/**
 * Desks: every case belongs to one community's desk, and staff hold roles per desk.
 * - `desks`: a slug (URLs, the CLI), a name for staff, a name for reporters, and the marker
 *   of the default desk (at most one row has it). The install's existing desk becomes the
 *   default desk, slug `main`, named after the site;
 * - `staff_desk_roles`: one row per person and desk they work on. Each `staff_users.role`
 *   becomes a role on the default desk, and the column goes: roles live here only;
 * - `cases.desk_id`: every existing case moves to the default desk;
 * - the queue, status, category and month indexes lead with `desk_id`, so a handler's queue
 *   walks only their desk however many desks share the database (see queue.ts);
 * - SQLite: the search index's `state` column names the desk too, so a search narrows to a
 *   desk inside FTS5, as 0006 did for open and closed (see the search file beside this one).
 *
 * SQLite cannot add a column that is both NOT NULL and a foreign key, so there `desk_id`
 * keeps the default desk's id as its column default and triggers refuse a desk that does not
 * exist; every insert names its desk (NewCaseRow requires it). PostgreSQL has the real
 * foreign key and no default.
 */
export function desksMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const now = new Date();
      const deskId = newId(now.getTime());
      await db.schema
        .createTable('desks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('reporter_name', 'text', (c) => c.notNull())
        .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await sql`CREATE UNIQUE INDEX desks_one_default ON desks (is_default) WHERE is_default = 1`.execute(db);
      // Named after the site (the catalog's site.name), as the install was before it had desks.
      await sql`INSERT INTO desks (id, slug, name, reporter_name, is_default, created_at)
        VALUES (${deskId}, 'main', 'Haven', 'Haven', 1, ${now.toISOString()})`.execute(db);

      await db.schema
        .createTable('staff_desk_roles')
        .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('granted_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('staff_desk_roles_pk', ['user_id', 'desk_id'])
        .execute();
      // Who works on a desk: reminder recipients, the team an admin sees.
      await db.schema.createIndex('staff_desk_roles_desk').on('staff_desk_roles').columns(['desk_id', 'user_id']).execute();
      await sql`INSERT INTO staff_desk_roles (user_id, desk_id, role, granted_at)
        SELECT id, ${sql.lit(deskId)}, role, created_at FROM staff_users`.execute(db);
      await db.schema.alterTable('staff_users').dropColumn('role').execute();

      await addCaseDesk(db, dialect, deskId);
      await globalIndexes(dialect).drop(db);
      await deskIndexes(dialect).create(db);
      if (dialect === 'sqlite') await searchStateWithDesk(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'sqlite') await searchStateWithoutDesk(db);
      await deskIndexes(dialect).drop(db);
      await globalIndexes(dialect).create(db);
      if (dialect === 'sqlite') {
        for (const trigger of ['cases_desk_exists_insert', 'cases_desk_exists_update', 'desks_in_use_delete']) {
          await sql`DROP TRIGGER ${sql.id(trigger)}`.execute(db);
        }
      }
      await db.schema.alterTable('cases').dropColumn('desk_id').execute();
      // Before desks a person had one role. They keep the one they hold on the default desk, or
      // else one from another desk; with none at all, the least of them (a reviewer reads only).
      await db.schema.alterTable('staff_users').addColumn('role', 'text', (c) => c.notNull().defaultTo('reviewer')).execute();
      await sql`UPDATE staff_users SET role = COALESCE(
        (SELECT r.role FROM staff_desk_roles r JOIN desks d ON d.id = r.desk_id WHERE r.user_id = staff_users.id
          ORDER BY d.is_default DESC, r.granted_at, d.slug LIMIT 1), 'reviewer')`.execute(db);
      if (dialect === 'postgres') await sql`ALTER TABLE staff_users ALTER COLUMN role DROP DEFAULT`.execute(db);
      await db.schema.dropTable('staff_desk_roles').execute();
      await db.schema.dropTable('desks').execute();
    },
  };
}

async function addCaseDesk(db: Kysely<unknown>, dialect: DialectName, deskId: string): Promise<void> {
  if (dialect === 'postgres') {
    // A constant default fills every existing row without rewriting the table; then it goes,
    // so an insert that forgets its desk fails instead of landing on the default one.
    await sql`ALTER TABLE cases ADD COLUMN desk_id text NOT NULL DEFAULT ${sql.lit(deskId)} REFERENCES desks (id)`.execute(db);
    await sql`ALTER TABLE cases ALTER COLUMN desk_id DROP DEFAULT`.execute(db);
    return;
  }
  await sql`ALTER TABLE cases ADD COLUMN desk_id text NOT NULL DEFAULT ${sql.lit(deskId)}`.execute(db);
  const refuse = sql.lit('cases.desk_id names no desk');
  await sql`CREATE TRIGGER cases_desk_exists_insert BEFORE INSERT ON cases
    WHEN NOT EXISTS (SELECT 1 FROM desks WHERE id = new.desk_id) BEGIN SELECT RAISE(ABORT, ${refuse}); END`.execute(db);
  await sql`CREATE TRIGGER cases_desk_exists_update BEFORE UPDATE OF desk_id ON cases
    WHEN NOT EXISTS (SELECT 1 FROM desks WHERE id = new.desk_id) BEGIN SELECT RAISE(ABORT, ${refuse}); END`.execute(db);
  await sql`CREATE TRIGGER desks_in_use_delete BEFORE DELETE ON desks
    WHEN EXISTS (SELECT 1 FROM cases WHERE desk_id = old.id) BEGIN SELECT RAISE(ABORT, 'a desk with cases cannot be deleted'); END`.execute(db);
}
