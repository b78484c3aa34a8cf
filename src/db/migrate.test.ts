import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../tests/support/test-app.js';
import { migrateToLatest } from './migrate.js';

describe.each(testDialects())('migrations on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(dialect); });
  afterAll(async () => { await database.dispose(); });

  it('are idempotent: a second run applies nothing and keeps the data', async () => {
    // Any row will do (raw, as there is no app here): a counter is the smallest table.
    await database.handle.db.insertInto('counters').values({ name: 'migrate-test', value: 41 }).execute();
    expect(await migrateToLatest(database.handle)).toEqual([]);
    const row = await database.handle.db.selectFrom('counters').select('value').where('name', '=', 'migrate-test').executeTakeFirstOrThrow();
    expect(row.value).toBe(41);
  });
});

describe.runIf(testDialects().includes('postgres'))('migrations on postgres beside another Kysely application', () => {
  const url = process.env.HAVEN_TEST_DATABASE_URL ?? '';
  const neighbour = `n_${randomBytes(6).toString('hex')}`;
  async function admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try { await client.query(statement); } finally { await client.end(); }
  }
  beforeAll(async () => {
    // Another application in the same database keeps its own Kysely bookkeeping in its schema.
    await admin(`CREATE SCHEMA ${neighbour}`);
    await admin(`CREATE TABLE ${neighbour}.kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`);
    await admin(`CREATE TABLE ${neighbour}.kysely_migration_lock (id varchar(255) primary key, is_locked integer not null default 0)`);
  });
  afterAll(async () => { await admin(`DROP SCHEMA ${neighbour} CASCADE`); });

  it('migrate Haven\'s own schema, not fooled by the neighbour\'s tables', async () => {
    const database = await createTestDatabase('postgres');
    try {
      const tables = await database.handle.db.introspection.getTables();
      expect(tables.some((t) => t.name === 'cases')).toBe(true);
      expect(await migrateToLatest(database.handle)).toEqual([]);
    } finally {
      await database.dispose();
    }
  });
});
