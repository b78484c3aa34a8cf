import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { claimDueJobs, completeJob, failJob, renewJobLease, startJob, type ClaimedJob } from '../db/repositories/jobs.js';
import { runHousekeeping } from '../services/run-housekeeping.js';
import { exportAuditHead, type ExportedAuditHead } from '../services/audit-head.js';
import { composeAuditHeadEmail } from '../services/emails/audit-head-email.js';
import type { ServiceContext } from '../services/context.js';
import { deliverCaseEmail, type CaseEmailDeps, type CaseEmailJob } from '../services/deliver-case-email.js';
import { runCaseReminder } from '../services/run-case-reminder.js';
import { sweepFirstResponseClocks } from '../services/sweep-first-response-clocks.js';
import { runFollowUp } from '../services/run-follow-up.js';
import { runSignInLinkRequest } from '../services/run-sign-in-link-request.js';
import { sweepIntakeSecrets } from '../services/sweep-intake-secrets.js';
import { releaseStaleClaims } from '../services/release-stale-claims.js';
import { deliverStaffInvitation } from '../services/deliver-staff-invitation.js';
import { onOutboxSignal } from '../services/outbox-signal.js';
import { runEmergencyForward } from '../services/run-emergency-forward.js';
import { runEmergencyFallback } from '../services/run-emergency-fallback.js';
import {
  EMERGENCY_ALERT_EMAIL_JOB, EMERGENCY_FALLBACK_JOB, EMERGENCY_FORWARD_JOB, EMERGENCY_PACKET_EMAIL_JOB,
  type EmergencyFallbackPayload, type EmergencyForwardPayload,
  CASE_REMINDER_JOB, RECEIPT_EMAIL_JOB, REPLY_NOTICE_EMAIL_JOB, SIGN_IN_LINK_EMAIL_JOB, SIGN_IN_LINK_REQUEST_JOB, STAFF_REMINDER_EMAIL_JOB, REVIEW_REQUEST_EMAIL_JOB,
  STAFF_NOTICE_EMAIL_JOB, WITHDRAWAL_NOTICE_EMAIL_JOB, STAFF_INVITATION_EMAIL_JOB, type StaffInvitationEmailPayload,
  PARTY_ACCESS_CODE_EMAIL_JOB, PARTY_MESSAGE_EMAIL_JOB, REFERRAL_EMAIL_JOB,
  type CaseReminderPayload, type SignInLinkRequestPayload, FOLLOW_UP_JOB, type FollowUpPayload,
} from '../services/job-kinds.js';

export interface WorkerDeps extends CaseEmailDeps {
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** How long a claim lasts without renewal; a dead worker's jobs wait this long. Default 30 s. */
  leaseMs?: number;
  /** How often to look for new reports past their first-response time. Default 30 s. */
  sweepIntervalMs?: number;
  /** How often to purge what is over (services/run-housekeeping.ts). Default 1 hour. */
  housekeepingIntervalMs?: number;
  /** Where to write the audit chain's head at each housekeeping round (services/audit-head.ts). */
  auditHeadFile?: string;
  /** Where to email the head as well, when it changed since this process last sent it (HAVEN_AUDIT_HEAD_EMAIL). */
  auditHeadEmail?: string;
}

/**
 * Emails the audit head. Its Message-ID is the head's own, so the copies several instances send
 * of one head are one message to a receiver that drops duplicates.
 */
async function mailAuditHead(deps: WorkerDeps, to: string, head: ExportedAuditHead): Promise<void> {
  const { subject, text } = composeAuditHeadEmail(head);
  await deps.mailer.send({ to, subject, text, messageId: `<audit-head-${head.entries}-${head.hash.slice(0, 16)}@${deps.mailDomain}>` });
}

/** Exponential backoff with a cap: 30 s, 1 min, 2 min … up to 1 hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

export const DEFAULT_LEASE_MS = 30_000;

/**
 * Runs one claimed job by its kind. Jobs with an outside effect (email) are marked done by
 * the caller after the effect; jobs that only write to the database mark themselves done in
 * their own transaction ('completed'), which makes them exactly-once even across a crash.
 */
async function runJob(ctx: ServiceContext, deps: WorkerDeps, workerId: string, job: ClaimedJob): Promise<'completed' | 'needs_completion'> {
  switch (job.kind) {
    case RECEIPT_EMAIL_JOB:
    case REPLY_NOTICE_EMAIL_JOB:
    case STAFF_REMINDER_EMAIL_JOB:
    case REVIEW_REQUEST_EMAIL_JOB:
    case SIGN_IN_LINK_EMAIL_JOB:
    case EMERGENCY_ALERT_EMAIL_JOB:
    case EMERGENCY_PACKET_EMAIL_JOB:
    case STAFF_NOTICE_EMAIL_JOB:
    case WITHDRAWAL_NOTICE_EMAIL_JOB:
    case PARTY_ACCESS_CODE_EMAIL_JOB:
    case PARTY_MESSAGE_EMAIL_JOB:
    case REFERRAL_EMAIL_JOB:
      // The payload was written by the service that queued this kind (see job-kinds.ts).
      await deliverCaseEmail(ctx, deps, job.id, { kind: job.kind, payload: job.payload } as CaseEmailJob);
      return 'needs_completion';
    case STAFF_INVITATION_EMAIL_JOB:
      await deliverStaffInvitation(ctx, deps, job.id, job.payload as StaffInvitationEmailPayload);
      return 'needs_completion';
    case CASE_REMINDER_JOB: {
      const outcome = await runCaseReminder(ctx, { id: job.id, workerId }, job.payload as CaseReminderPayload);
      if (outcome === 'lease_lost') deps.log.warn({ jobId: job.id, kind: job.kind }, 'reminder lease lost; another worker has it');
      return 'completed';
    }
    case FOLLOW_UP_JOB: {
      const outcome = await runFollowUp(ctx, { id: job.id, workerId }, job.payload as FollowUpPayload);
      if (outcome === 'lease_lost') deps.log.warn({ jobId: job.id, kind: job.kind }, 'follow-up lease lost; another worker has it');
      return 'completed';
    }
    case SIGN_IN_LINK_REQUEST_JOB: {
      const outcome = await runSignInLinkRequest(ctx, { id: job.id, workerId }, job.payload as SignInLinkRequestPayload);
      if (outcome === 'lease_lost') deps.log.warn({ jobId: job.id, kind: job.kind }, 'sign-in link request lease lost; another worker has it');
      return 'completed';
    }
    case EMERGENCY_FORWARD_JOB: {
      const outcome = await runEmergencyForward(ctx, { id: job.id, workerId }, job.payload as EmergencyForwardPayload);
      if (outcome === 'lease_lost') deps.log.warn({ jobId: job.id, kind: job.kind }, 'emergency forward lease lost; another worker has it');
      return 'completed';
    }
    case EMERGENCY_FALLBACK_JOB: {
      const outcome = await runEmergencyFallback(ctx, { id: job.id, workerId }, job.payload as EmergencyFallbackPayload);
      if (outcome === 'lease_lost') deps.log.warn({ jobId: job.id, kind: job.kind }, 'emergency fallback lease lost; another worker has it');
      return 'completed';
    }
    default:
      throw new Error(`No handler for job kind ${job.kind}`);
  }
}

/**
 * Runs one claimed job with the delivery protocol that keeps a restart from sending twice:
 * `started` is committed before the side effect, `done` right after it, and the lease is
 * renewed while it runs so no other worker takes it over. Only a process death between the
 * receiver's acceptance and the `done` commit leaves the outcome unknown; the job is then
 * retried with the same Message-ID (see docs/OPERATIONS.md, "Email delivery guarantee").
 */
async function runClaimedJob(ctx: ServiceContext, deps: WorkerDeps, workerId: string, job: ClaimedJob, leaseMs: number): Promise<void> {
  if (!(await startJob(ctx.db, { id: job.id, workerId, now: ctx.now(), leaseMs }))) {
    deps.log.warn({ jobId: job.id, kind: job.kind }, 'job lease lost before it started; another worker has it');
    return;
  }
  if (job.interruptedDeliveries > 0) {
    deps.log.warn({ jobId: job.id, kind: job.kind, interrupted: job.interruptedDeliveries },
      'retrying a job whose earlier delivery was cut off; the receiver may get a second copy with the same Message-ID');
  }
  const heartbeat = setInterval(() => {
    renewJobLease(ctx.db, { id: job.id, workerId, now: ctx.now(), leaseMs }).catch((error: unknown) => {
      deps.log.error({ err: error, jobId: job.id }, 'could not renew a job lease');
    });
  }, Math.max(250, Math.floor(leaseMs / 3)));
  let result: 'completed' | 'needs_completion';
  try {
    result = await runJob(ctx, deps, workerId, job);
  } finally {
    clearInterval(heartbeat);
  }
  if (result === 'needs_completion' && !(await completeJob(ctx.db, { id: job.id, workerId, now: ctx.now() }))) {
    deps.log.warn({ jobId: job.id, kind: job.kind }, 'job finished after its lease was lost');
  }
}

/** Claims and runs due jobs once; returns how many it ran. */
export async function runDueJobs(ctx: ServiceContext, deps: WorkerDeps, workerId: string, limit = 10): Promise<number> {
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const jobs = await claimDueJobs(ctx.db, ctx.dialect, { workerId, now: ctx.now(), leaseMs, limit });
  for (const job of jobs) {
    try {
      await runClaimedJob(ctx, deps, workerId, job, leaseMs);
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
  const sweepIntervalMs = deps.sweepIntervalMs ?? 30_000;
  let lastSweep = Number.NEGATIVE_INFINITY;
  let sleeping = false;
  let nudged = false;
  const housekeepingIntervalMs = deps.housekeepingIntervalMs ?? 3_600_000;
  let lastHousekeeping = Number.NEGATIVE_INFINITY;
  let lastMailedHead = '';
  const tick = (): void => {
    sleeping = false;
    nudged = false;
    current = (async () => {
      if (!stopped && Date.now() - lastHousekeeping >= housekeepingIntervalMs) {
        lastHousekeeping = Date.now();
        try {
          const done = await runHousekeeping(ctx, deps.mailer);
          const total = Object.values<number>(done as unknown as Record<string, number>).reduce((n, v) => n + v, 0);
          if (total > 0) deps.log.info(done, 'housekeeping removed what was over');
        } catch (error) {
          deps.log.error({ err: error }, 'housekeeping failed');
        }
        if (deps.auditHeadFile !== undefined) {
          try {
            const head = await exportAuditHead(ctx, deps.auditHeadFile);
            if (deps.auditHeadEmail !== undefined && `${head.entries}:${head.hash}` !== lastMailedHead) {
              await mailAuditHead(deps, deps.auditHeadEmail, head);
              lastMailedHead = `${head.entries}:${head.hash}`;
            }
          } catch (error) {
            deps.log.error({ err: error }, 'could not export the audit head');
          }
        }
      }
      if (!stopped && Date.now() - lastSweep >= sweepIntervalMs) {
        lastSweep = Date.now();
        // A failed sweep is retried at the next interval; it must not hold up the outbox.
        try {
          const queued = await sweepFirstResponseClocks(ctx);
          if (queued > 0) deps.log.info({ queued }, 'queued reminders for reports past their first-response time');
        } catch (error) {
          deps.log.error({ err: error }, 'first-response sweep failed');
        }
        try {
          const released = await releaseStaleClaims(ctx);
          if (released > 0) deps.log.info({ released }, 'released claims without activity');
        } catch (error) {
          deps.log.error({ err: error }, 'stale claim sweep failed');
        }
        try {
          const swept = await sweepIntakeSecrets(ctx);
          if (swept.indexed > 0) deps.log.info({ indexed: swept.indexed }, 'indexed contact addresses sealed before migration 0015');
        } catch (error) {
          deps.log.error({ err: error }, 'intake secrets sweep failed');
        }
      }
      try {
        // Keep going while there is a backlog, then rest for the interval.
        while (!stopped && (await runDueJobs(ctx, deps, workerId)) > 0) { /* drain */ }
      } catch (error) {
        deps.log.error({ err: error }, 'worker round failed');
      }
      if (!stopped) {
        sleeping = true;
        // Nudged during the round, perhaps after its last look at the outbox: look again now.
        timer = setTimeout(tick, nudged ? 0 : intervalMs);
      }
    })();
  };
  // Urgent jobs committed in this process start at once: a resting worker wakes, a busy one
  // looks again as soon as its round ends.
  const unsubscribe = onOutboxSignal(() => {
    if (stopped) return;
    if (!sleeping) {
      nudged = true;
      return;
    }
    if (timer !== undefined) clearTimeout(timer);
    tick();
  });
  tick();
  return {
    workerId,
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      await current;
    },
  };
}
