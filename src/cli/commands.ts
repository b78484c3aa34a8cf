import { startServer } from '../server/main.js';
import type { HavenConfig } from '../runtime/config.js';
import { openContext } from '../runtime/open-context.js';
import { createStaffUser } from '../services/create-staff-user.js';
import { seedDemo } from '../services/seed-demo.js';
import { openDatabase } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { verifyAuditChain } from '../db/repositories/audit-log.js';
import { readPassword } from './read-password.js';

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
  config: HavenConfig, input: { username: string; role: string; email?: string | undefined; desk?: string | undefined },
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

/** Walks the audit chain; exit 0 when every link holds, 1 with the first broken entry otherwise. */
export async function runAuditVerify(config: HavenConfig): Promise<number> {
  const handle = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await verifyAuditChain(handle.db);
    if (result.ok) {
      process.stdout.write(`The audit log is intact: ${result.entries} entries, every link verified.\n`);
      return 0;
    }
    process.stderr.write(`The audit log is broken at entry ${result.brokenAt} (${result.reason}); ${result.entries} entries before it verify.\n`);
    return 1;
  } finally {
    await handle.close();
  }
}
