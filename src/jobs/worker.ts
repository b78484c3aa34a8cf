import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { claimDueJobs, completeJob, failJob, type ClaimedJob } from '../db/repositories/jobs.js';
import type { ServiceContext } from '../services/context.js';
import type { Mailer } from '../integrations/mail/mailer.js';
import { deliverReceiptEmail } from '../services/deliver-receipt-email.js';
import { RECEIPT_EMAIL_JOB, type ReceiptEmailPayload } from '../services/job-kinds.js';

export interface WorkerDeps { mailer: Mailer; publicUrl: string; mailDomain: string; log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'> }

/** Exponential backoff with a cap: 30 s, 1 min, 2 min … up to 1 hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

const LEASE_MS = 120_000;

/** Runs one claimed job by its kind. */
async function runJob(ctx: ServiceContext, deps: WorkerDeps, job: ClaimedJob): Promise<void> {
  switch (job.kind) {
    case RECEIPT_EMAIL_JOB:
      await deliverReceiptEmail(ctx, deps, job.id, job.payload as ReceiptEmailPayload);
      return;
    default:
      throw new Error(`No handler for job kind ${job.kind}`);
  }
}

/** Claims and runs due jobs once; returns how many it ran. */
export async function runDueJobs(ctx: ServiceContext, deps: WorkerDeps, workerId: string, limit = 10): Promise<number> {
  const jobs = await claimDueJobs(ctx.db, ctx.dialect, { workerId, now: ctx.now(), leaseMs: LEASE_MS, limit });
  for (const job of jobs) {
    try {
      await runJob(ctx, deps, job);
      await completeJob(ctx.db, { id: job.id, workerId, now: ctx.now() });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = job.attempts >= job.maxAttempts ? null : new Date(ctx.now().getTime() + retryDelayMs(job.attempts));
      await failJob(ctx.db, { id: job.id, workerId, error: message, retryAt });
      deps.log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, willRetry: retryAt !== null }, 'job failed');
    }
  }
  return jobs.length;
}

/** The worker loop inside an app process; stop() waits for the current round to finish. */
export function startWorker(ctx: ServiceContext, deps: WorkerDeps, intervalMs = 1000): { stop(): Promise<void>; workerId: string } {
  const workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = (): void => {
    current = (async () => {
      try {
        // Keep going while there is a backlog, then rest for the interval.
        while (!stopped && (await runDueJobs(ctx, deps, workerId)) > 0) { /* drain */ }
      } catch (error) {
        deps.log.error({ err: error }, 'worker round failed');
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    })();
  };
  tick();
  return {
    workerId,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await current;
    },
  };
}
