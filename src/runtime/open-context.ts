import { openDatabase, type DatabaseHandle } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { fileMailer, smtpMailer, type Mailer } from '../integrations/mail/mailer.js';
import { loadFieldCipher } from '../services/security/load-key.js';
import type { ServiceContext } from '../services/context.js';
import { SharedRateLimiter } from '../services/shared-rate-limiter.js';
import type { HavenConfig } from './config.js';

/** What a process works with once it started: the services' context and the database to close. */
export interface OpenedContext { ctx: ServiceContext; handle: DatabaseHandle }

/** Opens the database and the cipher for the server or a command, with migrations applied. */
export async function openContext(config: HavenConfig): Promise<OpenedContext> {
  const handle = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  let cipher: ServiceContext['cipher'];
  try {
    await migrateToLatest(handle);
    cipher = loadFieldCipher({ dataDir: config.dataDir, secretKey: config.secretKey, previousKeys: config.previousSecretKeys });
  } catch (error) {
    // An open database (its checkpointer thread, its pool) would keep a failed command alive.
    await handle.close().catch(() => undefined);
    throw error;
  }
  const ctx: ServiceContext = {
    db: handle.db, dialect: handle.dialect, cipher, now: () => new Date(), sessionHours: config.sessionHours, staffIdleMinutes: config.staffIdleMinutes,
    groupCommit: config.intakeGroupCommit, intakeLimits: config.intakeLimits,
    // PostgreSQL may serve several instances: their limits are counted together in the database.
    // SQLite serves one process, whose limits live in memory and cost its single writer nothing.
    ...(handle.dialect === 'postgres' ? { rateLimiter: new SharedRateLimiter(handle.db) } : {}),
  };
  return { ctx, handle };
}

/** The mailer the configuration asks for: SMTP when SMTP_URL is set, .eml files otherwise. */
export function configuredMailer(config: HavenConfig): Mailer {
  return config.smtpUrl === undefined ? fileMailer(config.mailDir, config.mailFrom, config.mailFileRetentionMs) : smtpMailer(config.smtpUrl, config.mailFrom);
}
