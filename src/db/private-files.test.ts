import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connection.js';
import { migrateToLatest } from './migrate.js';
import { backupSqliteFile, replaceSqliteFile } from './sqlite-backup.js';
import { fileMailer } from '../integrations/mail/mailer.js';
import { loadFieldCipher } from '../services/security/load-key.js';

/** Every file and folder under `root`, with its permission bits. */
function walk(root: string): { file: string; dir: boolean; mode: number }[] {
  const out: { file: string; dir: boolean; mode: number }[] = [];
  for (const name of readdirSync(root)) {
    const file = path.join(root, name);
    const info = statSync(file);
    out.push({ file: path.relative(root, file), dir: info.isDirectory(), mode: info.mode & 0o777 });
    if (info.isDirectory()) out.push(...walk(file).map((e) => ({ ...e, file: path.join(name, e.file) })));
  }
  return out;
}

// The data folder holds the database, its WAL, the key, backups and mail with reporters'
// addresses: owner-only, even under the common umask 022 that leaves new files world-readable.
describe('files Haven creates, under umask 022', () => {
  let root: string;
  let previous: number;
  beforeAll(() => {
    previous = process.umask(0o022);
    root = mkdtempSync(path.join(tmpdir(), 'haven-modes-'));
  });
  afterAll(() => {
    process.umask(previous);
    rmSync(root, { recursive: true, force: true });
  });

  it('are 0600 in folders 0700: database, -wal, -shm, key, backup, restored copy and mail', async () => {
    const dataDir = path.join(root, 'data', 'nested');
    const handle = openDatabase({ dataDir });
    await migrateToLatest(handle);
    loadFieldCipher({ dataDir, secretKey: undefined, previousKeys: [] });
    const database = path.join(dataDir, 'haven.sqlite');
    // The backup goes into a folder of Haven's data folder; the backup file itself must be private.
    backupSqliteFile(database, path.join(dataDir, 'backup.sqlite'), { overwrite: false });
    const mailer = fileMailer(path.join(dataDir, 'mail'), 'Haven <haven@localhost>');
    await mailer.send({ to: 'someone@example.org', subject: 'Receipt', text: 'Hello', messageId: '<modes@localhost>' });
    mailer.close();
    const entries = walk(root);
    const names = entries.map((e) => e.file);
    expect(names).toEqual(expect.arrayContaining([
      'data', 'data/nested', 'data/nested/haven.sqlite', 'data/nested/haven.sqlite-wal', 'data/nested/haven.sqlite-shm',
      'data/nested/secret.key', 'data/nested/backup.sqlite', 'data/nested/mail', 'data/nested/mail/modes_localhost.eml',
    ]));
    await handle.close();
    replaceSqliteFile(path.join(dataDir, 'backup.sqlite'), path.join(root, 'restored', 'haven.sqlite'), 'stamp');
    const wrong = walk(root).filter((e) => e.mode !== (e.dir ? 0o700 : 0o600)).map((e) => `${e.file} ${e.mode.toString(8)}`);
    expect(wrong).toEqual([]);
  });

  it('makes an existing database created 0644 by an older version private when it is opened', async () => {
    const dataDir = path.join(root, 'older');
    const first = openDatabase({ dataDir });
    await migrateToLatest(first);
    await first.close();
    const { chmodSync } = await import('node:fs');
    chmodSync(path.join(dataDir, 'haven.sqlite'), 0o644);
    const again = openDatabase({ dataDir });
    await again.close();
    expect(statSync(path.join(dataDir, 'haven.sqlite')).mode & 0o777).toBe(0o600);
  });
});
