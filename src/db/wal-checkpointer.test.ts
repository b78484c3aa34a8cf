import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connection.js';

describe('the background WAL checkpointer (SQLite)', () => {
  let dir = '';
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('copies committed pages into the database file without being asked, and stops with the handle', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'haven-wal-'));
    const file = path.join(dir, 'haven.sqlite');
    const handle = openDatabase({ url: `sqlite:${file}`, dataDir: dir });
    await sql`CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(handle.db);
    const before = statSync(file).size;
    for (let i = 0; i < 30; i += 1) {
      await handle.db.transaction().execute(async (trx) => {
        for (let j = 0; j < 100; j += 1) await sql`INSERT INTO filler (body) VALUES (${'x'.repeat(1000)})`.execute(trx);
      });
    }
    // 3 MB went into the WAL; this connection would not checkpoint before 40 MB.
    let grown = false;
    for (let i = 0; i < 100 && !grown; i += 1) {
      await sleep(50);
      grown = statSync(file).size - before > 2_000_000;
    }
    expect(grown).toBe(true);
    await handle.close();
  });
});
