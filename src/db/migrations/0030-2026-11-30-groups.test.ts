import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../tests/support/test-app.js';
import { newId } from '../../shared/ids.js';
import { migrateTo, migrateToLatest } from '../migrate.js';

const BEFORE = '0029-2026-11-30-review';
const at = new Date('2026-03-02T10:00:00.000Z').toISOString();

// Desks that existed before groups get an escalation group holding their escalation staff.
describe.each(testDialects())('migration 0030 (groups) on %s', (dialect) => {
  let database: TestDatabase;
  const ids = { escalation: newId(), handler: newId(), otherDesk: newId() };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const { db } = database.handle;
    await migrateTo(database.handle, BEFORE);
    await sql`INSERT INTO desks (id, slug, name, reporter_name, is_default, created_at) VALUES (${ids.otherDesk}, 'events', 'Events', 'Events', 0, ${at})`.execute(db);
    const main = (await sql<{ id: string }>`SELECT id FROM desks WHERE slug = 'main'`.execute(db)).rows[0]?.id ?? '';
    for (const [id, role] of [[ids.escalation, 'escalation'], [ids.handler, 'handler']] as const) {
      await sql`INSERT INTO staff_users (id, username, password_hash, disabled, created_at) VALUES (${id}, ${`user-${role}`}, 'x', 0, ${at})`.execute(db);
      await sql`INSERT INTO staff_desk_roles (user_id, desk_id, role, granted_at) VALUES (${id}, ${main}, ${role}, ${at})`.execute(db);
    }
    // On the other desk the handler is escalation: membership follows the role per desk.
    await sql`INSERT INTO staff_desk_roles (user_id, desk_id, role, granted_at) VALUES (${ids.handler}, ${ids.otherDesk}, 'escalation', ${at})`.execute(db);
    await migrateToLatest(database.handle);
  });
  afterAll(async () => { await database.dispose(); });

  it('gives every desk one escalation group with its escalation staff as members', async () => {
    const { db } = database.handle;
    const groups = await db.selectFrom('staff_groups').innerJoin('desks', 'desks.id', 'staff_groups.desk_id')
      .select(['staff_groups.id', 'desks.slug', 'staff_groups.name', 'staff_groups.escalation']).orderBy('desks.slug').execute();
    expect(groups.map((g) => [g.slug, g.name, g.escalation])).toEqual([['events', 'Escalation', 1], ['main', 'Escalation', 1]]);
    const members = async (slug: string) => (await db.selectFrom('staff_group_members').select('user_id')
      .where('group_id', '=', groups.find((g) => g.slug === slug)?.id ?? '').execute()).map((m) => m.user_id);
    expect(await members('main')).toEqual([ids.escalation]);
    expect(await members('events')).toEqual([ids.handler]);
  });

  it('goes down and up again', async () => {
    await migrateTo(database.handle, BEFORE);
    const { db } = database.handle;
    expect((await sql<{ n: number | string }>`SELECT count(*) AS n FROM staff_group_members`.execute(db)).rows[0]?.n).toSatisfy((n) => Number(n) === 0);
    await migrateToLatest(database.handle);
    expect(await db.selectFrom('staff_groups').select('id').execute()).toHaveLength(2);
  });
});
