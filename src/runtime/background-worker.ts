import { startWorker, type WorkerDeps } from '../jobs/worker.js';
import type { ServiceContext } from '../services/context.js';
import type { HavenConfig } from './config.js';
import { configuredMailer } from './open-context.js';

/** The job worker as the configuration wants it, with its own mailer; stop() waits for the round, then closes the mailer. */
export function startBackgroundWorker(ctx: ServiceContext, config: HavenConfig, log: WorkerDeps['log']): { stop(): Promise<void> } {
  const mailer = configuredMailer(config);
  const worker = startWorker(ctx, { mailer, publicUrl: config.publicUrl, mailDomain: new URL(config.publicUrl).hostname, log, leaseMs: config.jobLeaseMs, auditHeadFile: config.auditHeadFile,
    ...(config.auditHeadEmail === undefined ? {} : { auditHeadEmail: config.auditHeadEmail }) });
  return {
    async stop() {
      await worker.stop();
      mailer.close();
    },
  };
}
