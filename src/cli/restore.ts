import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sqliteFile } from '../db/connection.js';
import { knownMigrationNames } from '../db/migrate.js';
import { DatabaseInUseError, inspectSqliteFile, replaceSqliteFile } from '../db/sqlite-backup.js';
import type { HavenConfig } from '../runtime/config.js';
import { FieldCipher } from '../services/security/field-cipher.js';
import { isPostgres, processIo, type CommandIo } from './backup.js';

const POSTGRES_RESTORE = `Haven's restore command is for the embedded SQLite database. For PostgreSQL, stop Haven and use its own tools:
  createdb haven_restored && pg_restore --dbname=haven_restored --no-owner haven.dump
then point DATABASE_URL at the restored database (see docs/OPERATIONS.md).
`;

/** Ids of the keys this configuration can open, without creating a key file where there is none. */
function configuredKeyIds(config: HavenConfig): string[] {
  const texts = [...config.previousSecretKeys];
  const file = path.join(config.dataDir, 'secret.key');
  if (config.secretKey !== undefined) texts.push(config.secretKey);
  else if (existsSync(file)) texts.push(readFileSync(file, 'utf8'));
  return texts.map((t) => FieldCipher.keyId(Buffer.from(t.trim(), 'base64')));
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** `haven restore FILE`: checks a backup and puts it in place of the SQLite database. */
export async function runRestore(config: HavenConfig, input: { file: string }, io: CommandIo = processIo, now = new Date()): Promise<number> {
  if (isPostgres(config)) {
    io.err(POSTGRES_RESTORE);
    return 2;
  }
  const file = path.resolve(input.file);
  if (!existsSync(file)) {
    io.err(`haven: there is no file at ${file}.\n`);
    return 1;
  }
  const backup = await inspectSqliteFile(file);
  if (backup.problems.length > 0) {
    io.err(`haven: ${file} cannot be restored: ${backup.problems.join('; ')}\nNothing was changed.\n`);
    return 1;
  }
  const known = new Set(knownMigrationNames('sqlite'));
  const unknown = backup.migrations.filter((m) => !known.has(m));
  if (unknown.length > 0) {
    io.err(`haven: ${file} was made by a newer Haven (schema ${unknown.join(', ')}). Upgrade Haven, then restore. Nothing was changed.\n`);
    return 1;
  }
  const target = sqliteFile(config.databaseUrl ?? '', config.dataDir);
  let kept: string | null;
  try {
    kept = replaceSqliteFile(file, target, timestamp(now));
  } catch (error) {
    if (error instanceof DatabaseInUseError) {
      io.err(`haven: ${error.message} Nothing was changed.\n`);
      return 1;
    }
    throw error;
  }
  io.out(
    `Restored ${backup.cases} cases and ${backup.auditEntries} audit entries from ${file} into ${target}. ` +
    'Integrity check and audit chain: ok.\n' +
    (kept === null ? '' : `The previous database is kept as ${kept}.\n`) +
    'Start Haven again; it applies any newer migrations on start.\n',
  );
  const keys = new Set(configuredKeyIds(config));
  const missing = backup.sealedWithKeys.filter((k) => !keys.has(k));
  if (missing.length > 0) {
    io.err(
      `WARNING: contact addresses in this backup are encrypted with key ${missing.join(', ')}, which this configuration does not have. ` +
      `Set HAVEN_SECRET_KEY to that key (or put it in ${path.join(config.dataDir, 'secret.key')}) before starting Haven, ` +
      'or those addresses cannot be read and receipts to them cannot be sent.\n',
    );
  }
  return 0;
}
