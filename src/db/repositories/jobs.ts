import type { HavenDb } from '../connection.js';
import type { PendingInsert } from './insert-together.js';
import type { DialectName } from '../dialect-name.js';
import { toDate } from '../schema.js';

export interface NewJob { id: string; kind: string; payload: unknown; runAt: Date; maxAttempts: number }

/** Queues jobs in the caller's transaction (the transactional outbox). */
export async function enqueueJobs(db: HavenDb, jobs: NewJob[], now: Date): Promise<void> {
  await enqueueJobsQuery(db, jobs, now)?.execute();
}

/** The INSERT that queues jobs, not yet run (see insert-together.ts); null when there are none. */
export function enqueueJobsQuery(db: HavenDb, jobs: NewJob[], now: Date): PendingInsert | null {
  if (jobs.length === 0) return null;
  return db
    .insertInto('jobs')
    .values(jobs.map((j) => ({
      id: j.id, kind: j.kind, payload: JSON.stringify(j.payload), status: 'pending', run_at: j.runAt.toISOString(),
      attempts: 0, max_attempts: j.maxAttempts, locked_by: null, locked_until: null, last_error: null,
      created_at: now.toISOString(), completed_at: null,
    })));
}

export interface ClaimedJob {
  id: string; kind: string; payload: unknown; attempts: number; maxAttempts: number;
  /** How many earlier deliveries were cut off after they started; non-zero means a copy may already be out. */
  interruptedDeliveries: number;
}

// A job's states: pending → running (claimed: nothing has left the database yet) → started
// (its side effect, such as the SMTP hand-over, may have happened) → done; or back to pending
// for a retry, or failed after its last attempt.
const CLAIMED = ['running', 'started'] as const;

/**
 * Claims up to `limit` due jobs for one worker, with a lease. A job whose worker died
 * becomes claimable again when its lease runs out; if it had `started`, the claim counts an
 * interrupted delivery. On PostgreSQL, SKIP LOCKED lets several processes claim side by side
 * without taking the same job; SQLite has a single writer.
 */
export async function claimDueJobs(
  db: HavenDb,
  dialect: DialectName,
  input: { workerId: string; now: Date; leaseMs: number; limit: number },
): Promise<ClaimedJob[]> {
  const nowIso = input.now.toISOString();
  let due = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', nowIso)]),
      eb.and([eb('status', 'in', CLAIMED), eb('locked_until', '<', nowIso)]),
    ]))
    .orderBy('run_at')
    .limit(input.limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: input.workerId,
      locked_until: new Date(input.now.getTime() + input.leaseMs).toISOString(),
      attempts: eb('attempts', '+', 1),
      // SET sees the row as it was: a job claimed back from `started` had a delivery cut off.
      interrupted_deliveries: eb.case().when('status', '=', 'started')
        .then(eb('interrupted_deliveries', '+', 1)).else(eb.ref('interrupted_deliveries')).end(),
    }))
    .where('id', 'in', due)
    .returning(['id', 'kind', 'payload', 'attempts', 'max_attempts', 'interrupted_deliveries'])
    .execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, payload: JSON.parse(r.payload) as unknown, attempts: r.attempts, maxAttempts: r.max_attempts,
    interruptedDeliveries: r.interrupted_deliveries,
  }));
}

/**
 * Records, durably and before any side effect, that a claimed job is starting its delivery,
 * and renews its lease. False when the lease was lost to another worker: the job must not run.
 */
export async function startJob(db: HavenDb, input: { id: string; workerId: string; now: Date; leaseMs: number }): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'started', locked_until: new Date(input.now.getTime() + input.leaseMs).toISOString() })
    .where('id', '=', input.id)
    .where('locked_by', '=', input.workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Extends the lease of a job this worker still holds; false when it no longer does. */
export async function renewJobLease(db: HavenDb, input: { id: string; workerId: string; now: Date; leaseMs: number }): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: new Date(input.now.getTime() + input.leaseMs).toISOString() })
    .where('id', '=', input.id)
    .where('locked_by', '=', input.workerId)
    .where('status', 'in', CLAIMED)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a claimed job done; false when the lease was lost to another worker. */
export async function completeJob(db: HavenDb, input: { id: string; workerId: string; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'done', completed_at: input.now.toISOString(), locked_until: null, last_error: null })
    .where('id', '=', input.id)
    .where('locked_by', '=', input.workerId)
    .where('status', 'in', CLAIMED)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Releases a failed job for a later retry, or gives up on it after its last attempt. */
export async function failJob(
  db: HavenDb,
  input: { id: string; workerId: string; error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      ...(input.retryAt === null ? { status: 'failed' } : { status: 'pending', run_at: input.retryAt.toISOString() }),
      locked_by: null,
      locked_until: null,
      last_error: input.error.slice(0, 2000),
    })
    .where('id', '=', input.id)
    .where('locked_by', '=', input.workerId)
    .where('status', 'in', CLAIMED)
    .execute();
}

export interface JobRow { id: string; kind: string; status: string; attempts: number; payload: unknown; runAt: Date }

/** Lists jobs of one kind, for tests and operations. */
export async function listJobs(db: HavenDb, kind: string): Promise<JobRow[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['id', 'kind', 'status', 'attempts', 'payload', 'run_at'])
    .where('kind', '=', kind)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, status: r.status, attempts: r.attempts, payload: JSON.parse(r.payload) as unknown,
    runAt: toDate(r.run_at),
  }));
}
