import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.js';
import { checkDatabaseIntegrity } from '../db/integrity.js';
import { verifyAuditChain } from '../db/repositories/audit-log.js';
import { loadConfig } from '../runtime/config.js';
import { freePort, runHavenCommand, startHaven, type HavenProcess } from '../../tests/crash/harness/haven-process.js';
import { seededRandom } from '../../tests/crash/harness/random.js';
import { runIntakeLoad, type SentReport } from '../../tests/crash/intake-load.js';
import { runBackup } from './backup.js';
import { runRestore } from './restore.js';

// Backup and restore of the embedded database, with a real server writing in another process.

function captureIo(): { out(text: string): void; err(text: string): void; stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

function configFor(dataDir: string, key?: string) {
  return loadConfig({ HAVEN_DATA_DIR: dataDir, ...(key === undefined ? {} : { HAVEN_SECRET_KEY: key }) });
}

async function countCases(dataDir: string): Promise<{ cases: number; references: Set<string>; integrity: boolean; chain: boolean }> {
  const handle = openDatabase({ dataDir });
  try {
    const rows = await handle.db.selectFrom('cases').select('reference').execute();
    const integrity = await checkDatabaseIntegrity(handle);
    const chain = await verifyAuditChain(handle.db);
    return { cases: rows.length, references: new Set(rows.map((r) => r.reference)), integrity: integrity.ok, chain: chain.ok };
  } finally {
    await handle.close();
  }
}

describe('haven backup and haven restore (SQLite)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'haven-backup-test-'));
  const liveDir = path.join(root, 'live');
  const key = randomBytes(32).toString('base64');
  const backupFile = path.join(root, 'haven-backup.sqlite');
  let server: HavenProcess;
  const sent: SentReport[] = [];
  let acknowledgedBeforeBackup: SentReport[] = [];
  let startedBeforeBackupEnded = 0;

  beforeAll(async () => {
    server = await startHaven({ HAVEN_DATA_DIR: liveDir, HAVEN_SECRET_KEY: key, HAVEN_WORKER: 'off' }, await freePort(), { fromSource: true });
  }, 60_000);
  afterAll(async () => {
    await server.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  });

  it('copies the live database while reports keep coming in', async () => {
    const load = runIntakeLoad({ baseUrl: server.baseUrl, clients: 4, rng: seededRandom(5), tagPrefix: 'backup', contactShare: 0.5, sent });
    while (sent.filter((s) => s.outcome === 'acknowledged').length < 300) await new Promise((resolve) => setTimeout(resolve, 50));
    acknowledgedBeforeBackup = sent.filter((s) => s.outcome === 'acknowledged');
    // A separate process, as an operator would run it, while this one keeps filing reports.
    const result = await runHavenCommand(['backup', backupFile], { HAVEN_DATA_DIR: liveDir, HAVEN_SECRET_KEY: key }, { fromSource: true });
    startedBeforeBackupEnded = sent.length + 4;
    const acknowledgedDuringBackup = sent.filter((s) => s.outcome === 'acknowledged').length - acknowledgedBeforeBackup.length;
    load.stop();
    await load.done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Backed up \d+ cases .* Integrity check: ok\./m);
    expect(result.stdout).toContain('does not contain the key');
    expect(acknowledgedDuringBackup).toBeGreaterThan(0); // the server really was writing meanwhile
    expect(sent.filter((s) => s.outcome !== 'acknowledged')).toEqual([]);
  }, 60_000);

  it('refuses to overwrite an existing file unless told to with --force', async () => {
    const before = statSync(backupFile);
    const io = captureIo();
    expect(await runBackup(configFor(liveDir, key), { file: backupFile, force: false }, io)).toBe(1);
    expect(io.stderr.join('')).toContain('--force');
    expect(statSync(backupFile).mtimeMs).toBe(before.mtimeMs);
    const forced = path.join(root, 'forced.sqlite');
    writeFileSync(forced, 'placeholder');
    expect(await runBackup(configFor(liveDir, key), { file: forced, force: true }, captureIo())).toBe(0);
    expect(statSync(forced).size).toBeGreaterThan(1000);
    expect(readdirSync(root).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('restores into a fresh data folder: integrity, audit chain, and every report acknowledged before the backup', async () => {
    const freshDir = path.join(root, 'fresh');
    const io = captureIo();
    expect(await runRestore(configFor(freshDir, key), { file: backupFile }, io)).toBe(0);
    expect(io.stdout.join('')).toMatch(/Restored \d+ cases/);
    expect(io.stderr).toEqual([]); // the key matches: no warning
    const restored = await countCases(freshDir);
    expect(restored.integrity).toBe(true);
    expect(restored.chain).toBe(true);
    expect(restored.cases).toBeGreaterThanOrEqual(acknowledgedBeforeBackup.length);
    expect(restored.cases).toBeLessThanOrEqual(startedBeforeBackupEnded);
    const lost = acknowledgedBeforeBackup.filter((s) => !restored.references.has(s.reference ?? ''));
    expect(lost).toEqual([]);
  });

  it('warns when the configured key cannot open the contact addresses in the backup', async () => {
    const io = captureIo();
    expect(await runRestore(configFor(path.join(root, 'keyless')), { file: backupFile }, io)).toBe(0);
    expect(io.stderr.join('')).toMatch(/WARNING: contact addresses in this backup are encrypted with key/);
    expect(existsSync(path.join(root, 'keyless', 'secret.key'))).toBe(false); // restore never invents a key
  });

  it('keeps the database it replaces, and refuses while a server has it open', async () => {
    const dir = path.join(root, 'replace');
    expect(await runRestore(configFor(dir, key), { file: backupFile }, captureIo())).toBe(0);
    const stamp = new Date('2026-03-02T10:00:00Z');
    expect(await runRestore(configFor(dir, key), { file: backupFile }, captureIo(), stamp)).toBe(0);
    expect(existsSync(path.join(dir, 'haven.sqlite.before-restore-20260302T100000Z'))).toBe(true);

    const running = await startHaven({ HAVEN_DATA_DIR: dir, HAVEN_SECRET_KEY: key, HAVEN_WORKER: 'off' }, await freePort(), { fromSource: true });
    try {
      const io = captureIo();
      expect(await runRestore(configFor(dir, key), { file: backupFile }, io)).toBe(1);
      expect(io.stderr.join('')).toMatch(/in use, most likely by a running Haven server\. Stop it first\. Nothing was changed\./);
      expect((await fetch(`${running.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await running.kill('SIGTERM');
    }
  }, 60_000);

  it('refuses files that are not sound Haven databases, and changes nothing', async () => {
    const dir = path.join(root, 'refuse');
    const garbage = path.join(root, 'garbage.sqlite');
    writeFileSync(garbage, randomBytes(8192));
    const io = captureIo();
    expect(await runRestore(configFor(dir, key), { file: garbage }, io)).toBe(1);
    expect(io.stderr.join('')).toContain('not a readable SQLite database');
    expect(existsSync(path.join(dir, 'haven.sqlite'))).toBe(false);

    const other = path.join(root, 'other.sqlite');
    const foreign = openDatabase({ url: `sqlite:${other}`, dataDir: root });
    await foreign.close();
    const io2 = captureIo();
    expect(await runRestore(configFor(dir, key), { file: other }, io2)).toBe(1);
    expect(io2.stderr.join('')).toContain('not a Haven database');
  });

  it('sends PostgreSQL users to pg_dump and pg_restore', async () => {
    const config = { ...configFor(liveDir), databaseUrl: 'postgres://haven@db.invalid/haven' };
    const io = captureIo();
    expect(await runBackup(config, { file: path.join(root, 'pg.dump'), force: false }, io)).toBe(2);
    expect(io.stderr.join('')).toContain('pg_dump');
    const io2 = captureIo();
    expect(await runRestore(config, { file: backupFile }, io2)).toBe(2);
    expect(io2.stderr.join('')).toContain('pg_restore');
  });
});
