import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { fileReport } from '../../tests/support/intake.js';
import { fileMailer } from '../integrations/mail/mailer.js';
import { KEEP } from '../db/repositories/housekeeping.js';
import { runHousekeeping } from './run-housekeeping.js';

const DAY = 24 * 3_600_000;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(testDialects())('housekeeping on %s', (dialect) => {
  let t: TestApp;
  const start = new Date('2026-03-02T10:00:00.000Z');
  beforeAll(async () => { t = await createTestApp(dialect, { now: start }); });
  afterAll(async () => { await t.close(); });

  const rows = async (table: 'staff_sessions' | 'reporter_sessions' | 'login_failures' | 'jobs' | 'sign_in_link_requests'): Promise<number> =>
    (await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('purges expired sessions, old failed sign-ins and lost-code requests and finished jobs, and keeps what is live', async () => {
    t.setNow(start);
    const old = await signInAs(t, 'handler');
    const report = await fileReport(t, { contactEmail: 'kept@example.org' });
    await t.app.inject({ method: 'POST', url: '/status', headers: FORM, payload: `code=${encodeURIComponent(report.accessCode)}` });
    await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'nobody', password: 'wrong password here' } });
    await t.app.inject({ method: 'POST', url: '/status/lost', headers: FORM, payload: 'email=kept%40example.org' });
    // Jobs as the worker leaves them: one done long ago, one given up long ago, one done recently, one pending.
    const job = (id: string, status: string, createdAt: Date, completedAt: Date | null) => ({
      id, kind: 'email.receipt', payload: '{}', status, run_at: createdAt.toISOString(), attempts: 1, max_attempts: 5,
      locked_by: null, locked_until: null, last_error: null, created_at: createdAt.toISOString(), completed_at: completedAt?.toISOString() ?? null,
    });
    const longAgo = new Date(start.getTime() - KEEP.failedJobs - DAY);
    await t.ctx.db.insertInto('jobs').values([
      job(`${dialect}-done-old`, 'done', longAgo, longAgo), job(`${dialect}-failed-old`, 'failed', longAgo, null),
      job(`${dialect}-done-new`, 'done', start, start), job(`${dialect}-pending-old`, 'pending', longAgo, null),
    ]).execute();
    const before = { staff: await rows('staff_sessions'), reporter: await rows('reporter_sessions'), failures: await rows('login_failures'), jobs: await rows('jobs') };
    expect(before.staff).toBeGreaterThan(0);
    expect(before.reporter).toBeGreaterThan(0);
    expect(before.failures).toBeGreaterThan(0);

    // Nothing is over yet: nothing goes.
    const none = await runHousekeeping(t.ctx, {});
    expect(none.staffSessions + none.reporterSessions + none.loginFailures + none.signInLinkRequests).toBe(0);
    expect(none.jobs).toBe(2);
    expect(await t.ctx.db.selectFrom('jobs').select('id').where('id', 'in', [`${dialect}-done-old`, `${dialect}-failed-old`]).execute()).toEqual([]);

    // Two days on, the sessions (12 h staff, 2 h reporter), the failed sign-in and the request are over; a fresh session is not.
    t.setNow(new Date(start.getTime() + 2 * DAY));
    const fresh = await signInAs(t, 'handler');
    const later = await runHousekeeping(t.ctx, {});
    expect(later.staffSessions).toBe(before.staff);
    expect(later.reporterSessions).toBe(before.reporter);
    expect(later.loginFailures).toBe(before.failures);
    expect(later.signInLinkRequests).toBeGreaterThan(0);
    expect(await rows('staff_sessions')).toBe(1);
    const still = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: fresh.cookie } });
    expect(still.statusCode).toBe(200);
    const gone = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: old.cookie } });
    expect(gone.statusCode).toBe(401);
    const kept = await t.ctx.db.selectFrom('jobs').select('id').where('id', 'in', [`${dialect}-done-new`, `${dialect}-pending-old`]).execute();
    expect(kept).toHaveLength(2);
  });
});

describe('the .eml mailer\'s retention', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(path.join(tmpdir(), 'haven-mail-retention-')); });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  it('deletes messages written longer ago than the retention, and keeps newer ones', async () => {
    const mailer = fileMailer(dir, 'Haven <haven@localhost>', 7 * DAY);
    await mailer.send({ to: 'old@example.org', subject: 'Old', text: 'x', messageId: '<old@localhost>' });
    await mailer.send({ to: 'new@example.org', subject: 'New', text: 'x', messageId: '<new@localhost>' });
    const now = new Date();
    const eightDaysAgo = new Date(now.getTime() - 8 * DAY);
    utimesSync(path.join(dir, 'old_localhost.eml'), eightDaysAgo, eightDaysAgo);
    expect(await mailer.sweep?.(now)).toBe(1);
    expect(readdirSync(dir)).toEqual(['new_localhost.eml']);
    mailer.close();
  });
});
