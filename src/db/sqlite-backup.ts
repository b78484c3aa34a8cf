import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { verifyAuditChain } from './repositories/audit-log.js';
import { makePrivateDir, makePrivateFile } from './private-files.js';

/** Flushes a file, or a folder's entries, to disk. */
function fsyncPath(target: string): void {
  const fd = openSync(target, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class DatabaseInUseError extends Error {}

/**
 * Writes a consistent copy of a live SQLite database to `destination` with VACUUM INTO: it
 * reads one snapshot inside a read transaction, so the server keeps writing meanwhile (WAL).
 * The copy is written under a temporary name, flushed, then put in place, so a crash never
 * leaves half a backup under the final name. Without `overwrite` an existing file is kept.
 */
export function backupSqliteFile(source: string, destination: string, options: { overwrite: boolean }): void {
  const temp = `${destination}.partial-${process.pid}`;
  rmSync(temp, { force: true });
  // VACUUM INTO writes into an empty file as it finds it: created 0600 first, the copy is never readable by others.
  makePrivateFile(temp);
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare('VACUUM INTO ?').run(temp);
  } finally {
    db.close();
  }
  try {
    fsyncPath(temp);
    // link() refuses an existing name, so two backups racing for one file cannot clobber it.
    if (options.overwrite) renameSync(temp, destination);
    else linkSync(temp, destination);
  } finally {
    rmSync(temp, { force: true });
  }
  fsyncPath(path.dirname(destination));
}

export interface SqliteInspection {
  problems: string[];
  migrations: string[];
  cases: number;
  auditEntries: number;
  /** Ids of the encryption keys that sealed the contact addresses in the file. */
  sealedWithKeys: string[];
}

/** Checks a SQLite file read-only: integrity, Haven's tables and migrations, the audit chain. */
export async function inspectSqliteFile(file: string): Promise<SqliteInspection> {
  const result: SqliteInspection = { problems: [], migrations: [], cases: 0, auditEntries: 0, sealedWithKeys: [] };
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
    sqlite.pragma('schema_version');
  } catch (error) {
    result.problems.push(`not a readable SQLite database (${error instanceof Error ? error.message : String(error)})`);
    return result;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.length !== 1 || integrity[0] !== 'ok') result.problems.push(`integrity check: ${integrity.slice(0, 5).join('; ')}`);
    const tables = new Set((sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
    const missing = ['kysely_migration', 'cases', 'audit_log', 'jobs', 'staff_users'].filter((t) => !tables.has(t));
    if (missing.length > 0) {
      result.problems.push(`not a Haven database: no ${missing.join(', ')} table`);
      return result;
    }
    result.migrations = (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    result.cases = (sqlite.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    const chain = await verifyAuditChain(db);
    result.auditEntries = chain.entries;
    if (!chain.ok) result.problems.push(`audit chain broken at entry ${chain.brokenAt} (${chain.reason})`);
    const keys = sqlite.prepare(`SELECT DISTINCT substr(contact_email_enc, 4, 8) AS id FROM case_parties WHERE contact_email_enc LIKE 'v1.%'`).all() as { id: string }[];
    result.sealedWithKeys = keys.map((k) => k.id);
    return result;
  } finally {
    await db.destroy();
  }
}

/** Fails when a process (a running Haven) has the database open: SQLite cannot share an exclusive lock. */
function takeExclusively(file: string): SQLite.Database {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
    return db;
  } catch (error) {
    db.close();
    const busy = error instanceof Error && (error as { code?: string }).code === 'SQLITE_BUSY';
    if (busy) throw new DatabaseInUseError(`${file} is in use, most likely by a running Haven server. Stop it first.`);
    throw error;
  }
}

/**
 * Puts `source` in place of the database file `target`. The current file, made whole by a
 * checkpoint, is kept as `<target>.before-restore-<stamp>`; the new one is copied and
 * flushed under a temporary name and renamed over the old, so at no moment is there no
 * database, and a crash leaves either the old file or the new one. Refuses while the file
 * is open elsewhere. Returns the name the previous file was kept under, if there was one.
 */
export function replaceSqliteFile(source: string, target: string, stamp: string): string | null {
  const temp = `${target}.restore-${process.pid}`;
  makePrivateDir(path.dirname(target));
  rmSync(temp, { force: true });
  makePrivateFile(temp);
  const incoming = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    incoming.prepare('VACUUM INTO ?').run(temp);
  } finally {
    incoming.close();
  }
  try {
    const restored = new SQLite(temp);
    restored.pragma('journal_mode = WAL');
    restored.close();
    fsyncPath(temp);

    let kept: string | null = null;
    if (existsSync(target)) {
      const current = takeExclusively(target);
      try {
        current.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        current.close();
      }
      if (existsSync(`${target}-wal`) && statSync(`${target}-wal`).size > 0) {
        throw new DatabaseInUseError(`${target}-wal still holds changes; is a server running? Stop it and try again.`);
      }
      kept = `${target}.before-restore-${stamp}`;
      linkSync(target, kept);
    }
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });
    renameSync(temp, target);
    fsyncPath(path.dirname(target));
    return kept;
  } finally {
    rmSync(temp, { force: true });
  }
}
