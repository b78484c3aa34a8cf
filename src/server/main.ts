import type { FastifyInstance } from 'fastify';
import { openDatabase, type DatabaseHandle } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { countStaff } from '../db/repositories/staff.js';
import { fileMailer, smtpMailer, type Mailer } from '../integrations/mail/mailer.js';
import { startWorker } from '../jobs/worker.js';
import { loadFieldCipher } from '../services/security/load-key.js';
import type { ServiceContext } from '../services/context.js';
import { buildApp } from './app.js';
import type { HavenConfig } from './config.js';

export interface RunningServer { app: FastifyInstance; handle: DatabaseHandle; url: string; stop(): Promise<void> }

/** Opens the database and the cipher for a command, with migrations applied. */
export async function openContext(config: HavenConfig): Promise<{ ctx: ServiceContext; handle: DatabaseHandle }> {
  const handle = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(handle);
  const cipher = loadFieldCipher({ dataDir: config.dataDir, secretKey: config.secretKey, previousKeys: config.previousSecretKeys });
  const ctx: ServiceContext = {
    db: handle.db, dialect: handle.dialect, cipher, now: () => new Date(), sessionHours: config.sessionHours,
    groupCommit: config.intakeGroupCommit,
  };
  return { ctx, handle };
}

/** The mailer the configuration asks for: SMTP when SMTP_URL is set, .eml files otherwise. */
export function configuredMailer(config: HavenConfig): Mailer {
  return config.smtpUrl === undefined ? fileMailer(config.mailDir, config.mailFrom) : smtpMailer(config.smtpUrl, config.mailFrom);
}

/** Starts Haven: database, migrations, HTTP listener and the job worker. */
export async function startServer(config: HavenConfig): Promise<RunningServer> {
  const { ctx, handle } = await openContext(config);
  const app = await buildApp({ config, ctx });
  const mailer = configuredMailer(config);
  const worker = config.runWorker
    ? startWorker(ctx, { mailer, publicUrl: config.publicUrl, mailDomain: new URL(config.publicUrl).hostname, log: app.log, leaseMs: config.jobLeaseMs })
    : null;
  const url = await app.listen({ port: config.port, host: config.host });
  const staff = await countStaff(ctx.db);
  app.log.info({ database: handle.location, mail: config.smtpUrl === undefined ? config.mailDir : 'smtp' }, `Haven is listening on ${url}`);
  if (staff === 0) {
    process.stdout.write(
      `\nHaven is running at ${config.publicUrl} — reporters can use ${config.publicUrl}/report now.\n` +
      'There is no staff account yet. Create the first administrator with:\n\n' +
      '  npx haven user add --username YOUR_NAME --role admin --password-stdin\n\n' +
      'then type the password (at least 12 characters) and press Enter. Sign in at ' + `${config.publicUrl}/desk/\n\n`,
    );
  }
  return {
    app, handle, url,
    async stop() {
      await worker?.stop();
      await app.close();
      mailer.close();
      await handle.close();
    },
  };
}
