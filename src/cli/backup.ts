import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { sqliteFile } from '../db/connection.js';
import { backupSqliteFile, inspectSqliteFile } from '../db/sqlite-backup.js';
import type { HavenConfig } from '../runtime/config.js';

export interface CommandIo { out(text: string): void; err(text: string): void }
export const processIo: CommandIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Whether the configured database is PostgreSQL, whose own tools do backups better than Haven could. */
export function isPostgres(config: Pick<HavenConfig, 'databaseUrl'>): boolean {
  return /^postgres(ql)?:\/\//.test(config.databaseUrl ?? '');
}

const POSTGRES_BACKUP = `Haven's backup command is for the embedded SQLite database. For PostgreSQL use its own tools:
  pg_dump --format=custom --file=haven-$(date +%Y%m%d).dump "$DATABASE_URL"
or a base backup with WAL archiving for point-in-time recovery (see docs/OPERATIONS.md).
`;

/** `haven backup FILE [--force]`: a consistent copy of the live SQLite database. */
export async function runBackup(config: HavenConfig, input: { file: string; force: boolean }, io: CommandIo = processIo): Promise<number> {
  if (isPostgres(config)) {
    io.err(POSTGRES_BACKUP);
    return 2;
  }
  const source = sqliteFile(config.databaseUrl ?? '', config.dataDir);
  const destination = path.resolve(input.file);
  if (!existsSync(source)) {
    io.err(`haven: there is no database at ${source} to back up.\n`);
    return 1;
  }
  if (destination === source || destination.startsWith(`${source}-`)) {
    io.err('haven: the backup must go to another file than the database itself.\n');
    return 1;
  }
  if (existsSync(destination) && !input.force) {
    io.err(`haven: ${destination} already exists. Choose another name, or pass --force to replace it.\n`);
    return 1;
  }
  try {
    backupSqliteFile(source, destination, { overwrite: input.force });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      io.err(`haven: ${destination} appeared while the backup ran; nothing was replaced.\n`);
      return 1;
    }
    throw error;
  }
  const copy = await inspectSqliteFile(destination);
  if (copy.problems.length > 0) {
    io.err(`haven: the backup at ${destination} does not check out: ${copy.problems.join('; ')}\n`);
    return 1;
  }
  const size = (statSync(destination).size / 1024 / 1024).toFixed(1);
  io.out(
    `Backed up ${copy.cases} cases and ${copy.auditEntries} audit entries (schema ${copy.migrations.at(-1) ?? 'empty'}) ` +
    `to ${destination} (${size} MiB). Integrity check: ok.\n` +
    (copy.sealedWithKeys.length === 0 ? '' :
      `Contact addresses in it are encrypted with key ${copy.sealedWithKeys.join(', ')}. The backup does not contain the key: ` +
      'keep HAVEN_SECRET_KEY (or secret.key from the data folder) safe, and apart from the backups.\n'),
  );
  return 0;
}
