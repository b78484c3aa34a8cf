import { rmSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';

/** Durable single-row commits per second on one connection, for `seconds`. */
export async function durableCommitsPerSecond(input: { dialect: 'sqlite' | 'postgres'; scratchDir: string; postgresUrl?: string; seconds: number }): Promise<number> {
  const row = 'x'.repeat(480);
  if (input.dialect === 'sqlite') {
    const file = path.join(input.scratchDir, 'commits.sqlite');
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    let n = 0;
    const end = performance.now() + input.seconds * 1000;
    while (performance.now() < end) {
      insert.run(row);
      n += 1;
    }
    db.close();
    return n / input.seconds;
  }
  const client = new pg.Client({ connectionString: input.postgresUrl });
  await client.connect();
  // A logged table: a temporary one skips the WAL and would not be durable.
  await client.query('DROP TABLE IF EXISTS bench_commits');
  await client.query('CREATE TABLE bench_commits (id bigserial PRIMARY KEY, body text NOT NULL)');
  let n = 0;
  const end = performance.now() + input.seconds * 1000;
  while (performance.now() < end) {
    await client.query('INSERT INTO bench_commits (body) VALUES ($1)', [row]);
    n += 1;
  }
  await client.query('DROP TABLE bench_commits');
  await client.end();
  return n / input.seconds;
}
