import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type TestApp } from '../../../../tests/support/test-app.js';
import type { StaffSession } from '../../../shared/api/session.js';
import type { ErrorResponse as ErrorBody } from '../../../shared/api/errors.js';
import { disableStaff, grantRole, makeDesk, makeStaff, signInStaff } from '../../../../tests/support/factories.js';

const MINUTE = 60_000;
/** Failures from one source that cost nothing, written out rather than imported so that a changed policy fails here. */
const LOGIN_FAILURE_LIMIT = 5;
/** The wait after the first failure beyond those; each further failure doubles it. */
const FIRST_WAIT_MS = 30_000;

function staffCookieOf(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((c) => c.name === 'haven_staff');
  if (cookie === undefined) throw new Error('no haven_staff cookie');
  return `haven_staff=${cookie.value}`;
}

describe.each(testDialects())('staff session routes on %s', (dialect) => {
  let t: TestApp;
  const start = new Date('2026-03-02T10:00:00.000Z');

  /** A fresh account, so throttling in one test never leaks into another. */
  function account(role: 'handler' | 'reviewer' = 'handler') {
    return makeStaff(t, { role });
  }

  function signIn(payload: unknown) {
    return t.app.inject({ method: 'POST', url: '/api/v1/session', payload: payload as object });
  }

  beforeAll(async () => { t = await createTestApp(dialect, { now: start }); });
  afterAll(async () => { await t.close(); });

  it('signs in and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const user = await account();
    const response = await signIn({ username: user.username, password: user.password });
    expect(response.statusCode).toBe(200);
    const body = response.json<StaffSession>();
    expect(body.user).toEqual({ id: user.id, username: user.username, desks: [{ slug: 'main', name: 'Haven', role: user.role }] });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
    const cookie = response.cookies.find((c) => c.name === 'haven_staff');
    expect(cookie).toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(cookie?.path).toBe('/');
    // The cookie carries an opaque token, never the CSRF token or the user id.
    expect(cookie?.value).not.toBe(body.csrfToken);
    expect(cookie?.value).not.toContain(user.id);
  });

  it('answers a wrong password and an unknown user with the same 401 body', async () => {
    const user = await account();
    const wrong = await signIn({ username: user.username, password: `${user.password}x` });
    const unknown = await signIn({ username: `nobody-${user.username}`, password: user.password });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json<ErrorBody>().error.code).toBe('invalid_credentials');
    expect(wrong.cookies.find((c) => c.name === 'haven_staff')).toBeUndefined();
  });

  it.each([
    ['a missing password', { username: 'someone' }, 'password'],
    ['a missing username', { password: 'long enough password' }, 'username'],
    ['an extra field', { username: 'someone', password: 'long enough password', role: 'admin' }, undefined],
    ['a wrong type', { username: 'someone', password: 12345678901234 }, 'password'],
  ] as const)('refuses %s with a 400', async (_label, payload, field) => {
    const response = await signIn(payload);
    expect(response.statusCode).toBe(400);
    const body = response.json<ErrorBody>();
    expect(body.error.code).toBe('validation_failed');
    if (field !== undefined) expect(body.error.fields?.map((f) => f.path)).toContain(field);
  });

  it(`slows a source after ${LOGIN_FAILURE_LIMIT} failures, even with the right password, by a wait that grows, never a lock`, async () => {
    const user = await account();
    const from = (remoteAddress: string, password: string) => t.app.inject({
      method: 'POST', url: '/api/v1/session', remoteAddress, payload: { username: user.username, password },
    });
    t.setNow(start);
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i += 1) expect((await from('198.51.100.7', 'not the password at all')).statusCode).toBe(401);
    const throttled = await from('198.51.100.7', user.password);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json<ErrorBody>().error.code).toBe('too_many_requests');
    expect(throttled.cookies.find((c) => c.name === 'haven_staff')).toBeUndefined();
    // The owner, from their own address, is not kept out by someone else's guesses.
    expect((await from('203.0.113.20', user.password)).statusCode).toBe(200);

    // From the guessing source: 30 s after the fifth failure, one more attempt is admitted.
    t.setNow(new Date(start.getTime() + FIRST_WAIT_MS - 1000));
    expect((await from('198.51.100.7', user.password)).statusCode).toBe(429);
    t.setNow(new Date(start.getTime() + FIRST_WAIT_MS));
    expect((await from('198.51.100.7', 'still not it')).statusCode).toBe(401);
    // The sixth failure doubles the wait.
    const sixth = start.getTime() + FIRST_WAIT_MS;
    t.setNow(new Date(sixth + 2 * FIRST_WAIT_MS - 1000));
    expect((await from('198.51.100.7', user.password)).statusCode).toBe(429);
    t.setNow(new Date(sixth + 2 * FIRST_WAIT_MS));
    expect((await from('198.51.100.7', user.password)).statusCode).toBe(200);
    t.setNow(start);
  });

  it('cannot be outrun: guesses sent all at once are throttled like guesses sent one by one', async () => {
    const user = await account();
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn({ username: user.username, password: `guess number ${i}` })));
    const statuses = guesses.map((g) => g.statusCode);
    // Only the first LOGIN_FAILURE_LIMIT guesses may reach the password check at all.
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_FAILURE_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(guesses.length - LOGIN_FAILURE_LIMIT);
    expect((await signIn({ username: user.username, password: user.password })).statusCode).toBe(429);
    // Refused guesses were not counted: the wait is the first one, not thirty doublings of it.
    t.setNow(new Date(t.ctx.now().getTime() + FIRST_WAIT_MS));
    expect((await signIn({ username: user.username, password: user.password })).statusCode).toBe(200);
    t.setNow(start);
  });

  it('answers GET /api/v1/session with 401 without a cookie, or with an unknown one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(401);
    const forged = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: 'haven_staff=not-a-real-token' } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json<ErrorBody>().error.code).toBe('unauthenticated');
  });

  it('answers GET /api/v1/session with the signed-in user and the same CSRF token', async () => {
    const who = await signInAs(t, 'reviewer');
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: who.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      user: { id: who.userId, username: who.username, desks: [{ slug: 'main', name: 'Haven', role: 'reviewer' }] }, csrfToken: who.csrfToken,
      secondFactor: 'ok', totpEnrolled: false,
    });
  });

  it('lists the roles held on each desk, the default desk first, and follows a change at the next request', async () => {
    const desk = await makeDesk(t, { slug: 'events', name: 'Events team' });
    const staff = await makeStaff(t, { role: 'handler', desk });
    const who = await signInStaff(t, staff);
    const session = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: who.cookie } })).json<StaffSession>().user.desks;
    expect(await session()).toEqual([{ slug: 'events', name: 'Events team', role: 'handler' }]);
    await grantRole(t, staff, 'main', 'reviewer');
    await grantRole(t, staff, desk, 'admin');
    expect(await session()).toEqual([{ slug: 'main', name: 'Haven', role: 'reviewer' }, { slug: 'events', name: 'Events team', role: 'admin' }]);
  });

  it('signs out only with the CSRF header, and the cookie is dead afterwards', async () => {
    const who = await signInAs(t, 'handler');
    const noHeader = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: who.cookie } });
    expect(noHeader.statusCode).toBe(403);
    const wrongHeader = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: who.cookie, 'x-csrf-token': `${who.csrfToken}x` } });
    expect(wrongHeader.statusCode).toBe(403);
    // Still signed in after the refused attempts.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: who.cookie } })).statusCode).toBe(200);

    const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken } });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'haven_staff');
    expect(cleared?.value).toBe('');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: who.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie: who.cookie } })).statusCode).toBe(401);
  });

  it('refuses a session whose account was disabled', async () => {
    const user = await account();
    const response = await signIn({ username: user.username, password: user.password });
    const cookie = staffCookieOf(response);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(200);
    await disableStaff(t, user.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    // A disabled account cannot sign in again either, and looks like a wrong password.
    const again = await signIn({ username: user.username, password: user.password });
    expect(again.statusCode).toBe(401);
    expect(again.json<ErrorBody>().error.code).toBe('invalid_credentials');
  });

  it('refuses a session once it has expired', async () => {
    t.setNow(start);
    const user = await account();
    const cookie = staffCookieOf(await signIn({ username: user.username, password: user.password }));
    const lifetimeMs = t.ctx.sessionHours * 3_600_000;
    // Used every 20 minutes, so the idle timeout never ends it first.
    for (let at = 20 * MINUTE; at < lifetimeMs; at += 20 * MINUTE) {
      t.setNow(new Date(start.getTime() + at));
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(200);
    }
    t.setNow(new Date(start.getTime() + lifetimeMs - 1000));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(200);
    t.setNow(new Date(start.getTime() + lifetimeMs));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    t.setNow(start);
  });
});
