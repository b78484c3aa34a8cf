import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type TestApp } from '../../../../tests/support/test-app.js';
import { makeStaff, signInStaff } from '../../../../tests/support/factories.js';

const MINUTE = 60_000;
/** The default idle timeout, written out so that a changed default fails here. */
const IDLE_MINUTES = 30;

describe.each(testDialects())('staff idle timeout and signing out everywhere on %s', (dialect) => {
  let t: TestApp;
  const start = new Date('2026-03-02T10:00:00.000Z');
  const at = (minutes: number) => t.setNow(new Date(start.getTime() + minutes * MINUTE));
  const session = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    // The test app turns the idle timeout off for other suites; these test the default.
    delete t.ctx.staffIdleMinutes;
  });
  afterAll(async () => { await t.close(); });

  it(`ends a session left unused for ${IDLE_MINUTES} minutes, and keeps one that is used`, async () => {
    at(0);
    const idle = await signInAs(t, 'handler');
    const busy = await signInAs(t, 'handler');
    at(IDLE_MINUTES - 1);
    expect((await session(busy.cookie)).statusCode).toBe(200);
    at(IDLE_MINUTES * 2 - 2);
    expect((await session(busy.cookie)).statusCode).toBe(200);
    expect((await session(idle.cookie)).statusCode).toBe(401);
    // Gone for good: going back in time does not bring it back.
    at(1);
    expect((await session(idle.cookie)).statusCode).toBe(401);
    at(0);
  });

  it('honours a configured timeout', async () => {
    at(0);
    const who = await signInAs(t, 'reviewer');
    t.ctx.staffIdleMinutes = 5;
    try {
      at(5);
      expect((await session(who.cookie)).statusCode).toBe(401);
    } finally {
      delete t.ctx.staffIdleMinutes; // back to the default
      at(0);
    }
  });

  it('signs out everywhere: 401 without a session, 400 for a wrong value, then every session of the person ends', async () => {
    at(0);
    const staff = await makeStaff(t, { role: 'handler' });
    const other = await signInAs(t, 'handler');
    const laptop = await signInStaff(t, staff);
    const phone = await signInStaff(t, staff);
    const everywhere = (who: { cookie: string; csrfToken: string } | null, value = 'true') => t.app.inject({
      method: 'DELETE', url: `/api/v1/session?everywhere=${value}`, headers: who === null ? {} : { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
    });
    expect((await everywhere(null)).statusCode).toBe(401);
    expect((await everywhere(laptop, 'yes')).statusCode).toBe(400);
    expect((await session(phone.cookie)).statusCode).toBe(200);
    const out = await everywhere(laptop);
    expect(out.statusCode).toBe(204);
    expect((await session(laptop.cookie)).statusCode).toBe(401);
    expect((await session(phone.cookie)).statusCode).toBe(401);
    // Someone else's session is theirs alone.
    expect((await session(other.cookie)).statusCode).toBe(200);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('actor_id', '=', staff.id)
      .where('action', '=', 'staff.signed_out_everywhere').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(String(audit[0]?.detail))).toEqual({ sessions: 2 });
  });
});
