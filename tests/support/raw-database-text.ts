import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { TestApp } from './test-app.js';

/**
 * Everything the database holds, as bytes on disk would show it to someone who copied the
 * files or a dump: the SQLite file and its WAL (after a checkpoint), or `pg_dump` of the test's
 * schema. For tests that a sealed value appears nowhere in clear.
 */
export async function rawDatabaseText(t: TestApp): Promise<string> {
  if (t.dialect === 'sqlite') {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.ctx.db);
    const { rows } = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(t.ctx.db);
    const file = rows.find((r) => r.name === 'main')?.file;
    if (file === undefined || file === '') throw new Error('The SQLite database has no file.');
    return [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('\n');
  }
  const url = process.env.HAVEN_TEST_DATABASE_URL;
  if (url === undefined) throw new Error('HAVEN_TEST_DATABASE_URL is not set');
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(t.ctx.db);
  const schema = rows[0]?.schema;
  if (schema === undefined) throw new Error('No current schema.');
  return execFileSync('pg_dump', ['--data-only', '--schema', schema, url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}
