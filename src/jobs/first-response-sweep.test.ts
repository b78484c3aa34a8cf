import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { makeCase, makeMessage } from '../../tests/support/factories.js';
import { fileReport } from '../../tests/support/intake.js';
import { fileMailer, type Mailer } from '../integrations/mail/mailer.js';
import { findCase } from '../db/repositories/cases.js';
import { listEvents } from '../db/repositories/case-events.js';
import { listJobs } from '../db/repositories/jobs.js';
import { sweepFirstResponseClocks } from '../services/sweep-first-response-clocks.js';
import { CASE_REMINDER_JOB, type CaseReminderPayload } from '../services/job-kinds.js';
import { runDueJobs } from './worker.js';

const HOUR = 3_600_000;
/** A normal report's first-response window, written out so that a changed policy fails here. */
const NORMAL_WINDOW_HOURS = 72;
const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.each(testDialects())('reminders for reports past their first-response time, on %s', (dialect) => {
  const start = new Date('2026-07-01T08:00:00.000Z');
  let t: TestApp;
  let mailDir: string;
  let mailer: Mailer;

  async function remindersFor(reference: string): Promise<CaseReminderPayload[]> {
    const kase = await findCase(t.ctx.db, { reference });
    return (await listJobs(t.ctx.db, CASE_REMINDER_JOB)).map((j) => j.payload as CaseReminderPayload).filter((p) => p.caseId === kase?.id);
  }
  async function eventTypes(reference: string): Promise<string[]> {
    const kase = await findCase(t.ctx.db, { reference });
    return (await listEvents(t.ctx.db, kase?.id ?? '')).map((e) => e.type);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    mailDir = mkdtempSync(path.join(tmpdir(), 'haven-sweep-'));
    mailer = fileMailer(mailDir, 'Haven <haven@localhost>');
    // The first sweep sets the mark; everything later is measured from it.
    await sweepFirstResponseClocks(t.ctx);
  });
  afterAll(async () => {
    mailer.close();
    rmSync(mailDir, { recursive: true, force: true });
    await t.close();
  });
  beforeEach(() => { t.setNow(start); });

  it('queues one reminder when a new report passes its first-response time, and never a second', async () => {
    const report = await fileReport(t, { category: 'hounding', immediateDanger: false });
    const due = new Date(start.getTime() + NORMAL_WINDOW_HOURS * HOUR);
    t.setNow(new Date(due.getTime() - 1));
    await sweepFirstResponseClocks(t.ctx);
    expect(await remindersFor(report.reference)).toEqual([]);

    t.setNow(due);
    await sweepFirstResponseClocks(t.ctx);
    t.setNow(new Date(due.getTime() + HOUR));
    await sweepFirstResponseClocks(t.ctx);
    expect(await remindersFor(report.reference)).toEqual([
      { caseId: expect.any(String) as string, clock: 'first_response', stage: 'due', dueAt: due.toISOString() },
    ]);
    while ((await runDueJobs(t.ctx, { mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog }, 'w')) > 0) { /* drain */ }
    expect((await eventTypes(report.reference)).filter((e) => e === 'first_response_due')).toHaveLength(1);
  });

  it('leaves a report alone once someone has replied', async () => {
    const report = await makeCase(t, { severity: 'normal' });
    await makeMessage(t, report, { body: 'Thank you; we have your report and are reading it.' });
    t.setNow(new Date(start.getTime() + (NORMAL_WINDOW_HOURS + 1) * HOUR));
    await sweepFirstResponseClocks(t.ctx);
    expect((await remindersFor(report.reference)).filter((r) => r.clock === 'first_response')).toEqual([]);
  });

  it('gives each due report exactly one reminder when sweeps run side by side', async () => {
    // Time only moves forward: file after the earlier tests' sweeps, then pass the due time.
    const filedAt = new Date(start.getTime() + 100 * HOUR);
    t.setNow(filedAt);
    const reports = await Promise.all(Array.from({ length: 6 }, () => fileReport(t, { category: 'hate', immediateDanger: false })));
    t.setNow(new Date(filedAt.getTime() + (NORMAL_WINDOW_HOURS + 2) * HOUR));
    const queued = await Promise.all(Array.from({ length: 4 }, () => sweepFirstResponseClocks(t.ctx)));
    expect(queued.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(reports.length);
    for (const r of reports) expect(await remindersFor(r.reference)).toHaveLength(1);
  });
});
