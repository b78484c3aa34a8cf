import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { fileReport } from '../../tests/support/intake.js';
import { claimDueJobs, startJob } from '../db/repositories/jobs.js';
import type { Mailer, OutgoingMail } from '../integrations/mail/mailer.js';
import { runDueJobs, type WorkerDeps } from './worker.js';

// The delivery protocol that keeps a restart from sending an email twice: a job is
// `started` (committed) before the hand-over and `done` right after it. These tests stage a
// worker dying at each point, as the crash test (tests/crash) does with real processes.

const LEASE_MS = 60_000;
const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

function recordingMailer(): Mailer & { sent: OutgoingMail[]; hold: { until: Promise<void> | null } } {
  const sent: OutgoingMail[] = [];
  const hold: { until: Promise<void> | null } = { until: null };
  return {
    sent, hold,
    async send(mail) {
      if (hold.until !== null) await hold.until;
      sent.push(mail);
    },
    close: () => undefined,
  };
}

describe.each(testDialects())('job delivery after a worker dies, on %s', (dialect) => {
  let t: TestApp;
  const start = new Date('2026-03-02T10:00:00.000Z');
  const deps = (mailer: Mailer, leaseMs = LEASE_MS): WorkerDeps => ({ mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog, leaseMs });
  const jobRow = async () => t.ctx.db.selectFrom('jobs').select(['id', 'status', 'attempts', 'interrupted_deliveries', 'locked_by']).executeTakeFirstOrThrow();

  beforeAll(async () => { t = await createTestApp(dialect, { now: start }); });
  afterAll(async () => { await t.close(); });
  afterEach(async () => {
    // Raw: no service empties the outbox; each test stages its own deaths on one job.
    await t.ctx.db.deleteFrom('jobs').execute();
    t.setNow(start);
  });

  it('retries a job that died before its hand-over started, without counting a possible duplicate', async () => {
    await fileReport(t, { contactEmail: 'before@example.org' });
    const [claimed] = await claimDueJobs(t.ctx.db, dialect, { workerId: 'dead', now: start, leaseMs: LEASE_MS, limit: 10 });
    expect(claimed?.interruptedDeliveries).toBe(0);

    const mailer = recordingMailer();
    expect(await runDueJobs(t.ctx, deps(mailer), 'alive')).toBe(0); // still leased to the dead worker
    t.setNow(new Date(start.getTime() + LEASE_MS + 1));
    expect(await runDueJobs(t.ctx, deps(mailer), 'alive')).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    expect(await jobRow()).toMatchObject({ status: 'done', attempts: 2, interrupted_deliveries: 0 });
  });

  it('retries a job that died after its hand-over started with the same Message-ID, and records the interruption', async () => {
    await fileReport(t, { contactEmail: 'during@example.org' });
    const [claimed] = await claimDueJobs(t.ctx.db, dialect, { workerId: 'dead', now: start, leaseMs: LEASE_MS, limit: 10 });
    expect(await startJob(t.ctx.db, { id: claimed!.id, workerId: 'dead', now: start, leaseMs: LEASE_MS })).toBe(true);

    t.setNow(new Date(start.getTime() + LEASE_MS + 1));
    const mailer = recordingMailer();
    expect(await runDueJobs(t.ctx, deps(mailer), 'alive')).toBe(1);
    expect(mailer.sent.map((m) => m.messageId)).toEqual([`<${claimed!.id}@localhost>`]);
    expect(await jobRow()).toMatchObject({ status: 'done', attempts: 2, interrupted_deliveries: 1 });
  });

  it('never starts a job whose lease another worker has taken over', async () => {
    await fileReport(t, { contactEmail: 'lease@example.org' });
    const [slow] = await claimDueJobs(t.ctx.db, dialect, { workerId: 'slow', now: start, leaseMs: LEASE_MS, limit: 10 });
    const later = new Date(start.getTime() + LEASE_MS + 1);
    const [taken] = await claimDueJobs(t.ctx.db, dialect, { workerId: 'fast', now: later, leaseMs: LEASE_MS, limit: 10 });
    expect(taken?.id).toBe(slow?.id);
    expect(await startJob(t.ctx.db, { id: slow!.id, workerId: 'slow', now: later, leaseMs: LEASE_MS })).toBe(false);
    expect(await startJob(t.ctx.db, { id: taken!.id, workerId: 'fast', now: later, leaseMs: LEASE_MS })).toBe(true);
  });

  it('renews the lease while a slow hand-over runs, so no other worker takes the job', async () => {
    await fileReport(t, { contactEmail: 'slow@example.org' });
    const leaseMs = 600; // renewed every 250 ms of real time
    const mailer = recordingMailer();
    let release: () => void = () => undefined;
    mailer.hold.until = new Promise<void>((resolve) => { release = resolve; });
    const running = runDueJobs(t.ctx, deps(mailer, leaseMs), 'slow');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Time passes beyond the first lease; the heartbeat moves the lease with it.
    t.setNow(new Date(start.getTime() + leaseMs * 2));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const other = recordingMailer();
    expect(await runDueJobs(t.ctx, deps(other, leaseMs), 'other')).toBe(0);
    release();
    await running;
    expect(mailer.sent).toHaveLength(1);
    expect(other.sent).toHaveLength(0);
    expect(await jobRow()).toMatchObject({ status: 'done', attempts: 1, interrupted_deliveries: 0 });
  });
});
