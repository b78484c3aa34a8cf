import { startServer } from '../server/main.js';
import type { HavenConfig } from '../runtime/config.js';
import { openContext } from '../runtime/open-context.js';
import { createStaffUser } from '../services/create-staff-user.js';
import { seedDemo } from '../services/seed-demo.js';
import { openDatabase } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { verifyAuditChain } from '../db/repositories/audit-log.js';
import { readPassword } from './read-password.js';
import { auditMac } from '../services/audit-chain.js';
import { compareWithExportedHead, exportAuditHead, readExportedAuditHead } from '../services/audit-head.js';
import { loadFieldCipher } from '../services/security/load-key.js';

/** Serves until SIGINT or SIGTERM, then shuts down cleanly. Returns -1: the process stays up. */
export async function runServe(config: HavenConfig): Promise<number> {
  const server = await startServer(config);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    server.app.log.info(`${signal} received, shutting down`);
    server.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return -1;
}

/** Applies pending migrations and reports them. */
export async function runMigrate(config: HavenConfig): Promise<number> {
  const handle = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(handle);
    process.stdout.write(applied.length === 0 ? 'The database is up to date.\n' : `Applied: ${applied.join(', ')}\n`);
    return 0;
  } finally {
    await handle.close();
  }
}

/** Creates a staff account with a password read from standard input (never from the command line). */
export async function runUserAdd(
  config: HavenConfig, input: { username: string; role: string; email?: string | undefined; desk?: string | undefined; accounts?: string[] | undefined },
): Promise<number> {
  const password = await readPassword('Password (at least 12 characters), then Enter: ');
  const { ctx, handle } = await openContext(config);
  try {
    const user = await createStaffUser(ctx, { ...input, password }, null);
    process.stdout.write(`Created ${user.role} account ${user.username} on desk ${user.desk.slug}.\n`);
    return 0;
  } finally {
    await handle.close();
  }
}

/** Fills an empty database with demonstration cases. */
export async function runSeedDemo(config: HavenConfig): Promise<number> {
  const { ctx, handle } = await openContext(config);
  try {
    const created = await seedDemo(ctx);
    process.stdout.write(`Created ${created.length} demonstration cases: ${created.join(', ')}\n`);
    return 0;
  } finally {
    await handle.close();
  }
}

/**
 * Walks the audit chain (keyed entries with the secret key), then compares it with the latest
 * exported head (`headFile`, default HAVEN_AUDIT_HEAD_FILE): exit 0 when every link holds and
 * the head agrees, 1 naming what is wrong otherwise.
 */
export async function runAuditVerify(config: HavenConfig, headFile?: string): Promise<number> {
  const cipher = loadFieldCipher({ dataDir: config.dataDir, secretKey: config.secretKey, previousKeys: config.previousSecretKeys });
  const handle = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await verifyAuditChain(handle.db, 1000, auditMac(cipher));
    if (!result.ok) {
      process.stderr.write(`The audit log is broken at entry ${result.brokenAt} (${result.reason}); ${result.entries} entries before it verify.\n`);
      return 1;
    }
    const file = headFile ?? config.auditHeadFile;
    const head = await readExportedAuditHead(file);
    if (head === null) {
      process.stdout.write(`The audit log is intact: ${result.entries} entries, every link verified. No exported head at ${file} to compare with.\n`);
      return 0;
    }
    const problem = await compareWithExportedHead({ db: handle.db }, result, head);
    if (problem !== null) {
      process.stderr.write(`The audit log does not match its exported head: ${problem}.\n`);
      return 1;
    }
    process.stdout.write(`The audit log is intact: ${result.entries} entries, every link verified, and it matches the head exported at ${head.exportedAt} (${head.entries} entries).\n`);
    return 0;
  } finally {
    await handle.close();
  }
}

/** Writes the audit chain's head to FILE (default HAVEN_AUDIT_HEAD_FILE) now, as the worker does every hour. */
export async function runAuditExportHead(config: HavenConfig, file?: string): Promise<number> {
  const handle = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const target = file ?? config.auditHeadFile;
    const head = await exportAuditHead({ db: handle.db, now: () => new Date() }, target);
    process.stdout.write(`Wrote the audit head to ${target}: ${head.entries} entries.\n`);
    return 0;
  } finally {
    await handle.close();
  }
}
