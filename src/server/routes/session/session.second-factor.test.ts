import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../../tests/support/test-app.js';
import { makeStaff, type MadeStaff } from '../../../../tests/support/factories.js';
import { authenticatorCode } from '../../../../tests/support/totp-code.js';
import type { StaffSession, TotpEnrolled, TotpEnrolment } from '../../../shared/api/session.js';
import type { ErrorResponse } from '../../../shared/api/errors.js';

interface Browser { cookie: string; csrf: string; body: StaffSession }

describe.each(testDialects())('second factor on %s', (dialect) => {
  let t: TestApp;
  const start = new Date('2026-03-02T10:00:00.000Z');

  beforeAll(async () => { t = await createTestApp(dialect, { now: start }); });
  afterAll(async () => { await t.close(); });

  async function signIn(staff: MadeStaff, remoteAddress = '127.0.0.1'): Promise<Browser> {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress, payload: { username: staff.username, password: staff.password } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'haven_staff');
    const body = response.json<StaffSession>();
    return { cookie: `haven_staff=${cookie?.value ?? ''}`, csrf: body.csrfToken, body };
  }
  function post(b: Browser | null, url: string, payload?: object) {
    return t.app.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload }), headers: b === null ? {} : { cookie: b.cookie, 'x-csrf-token': b.csrf } });
  }
  function queue(b: Browser) {
    return t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie: b.cookie } });
  }
  async function enrol(b: Browser): Promise<{ secret: string; recoveryCodes: string[] }> {
    const begun = await post(b, '/api/v1/session/totp');
    expect(begun.statusCode).toBe(200);
    const { secret } = begun.json<TotpEnrolment>();
    const done = await post(b, '/api/v1/session/totp/confirm', { code: authenticatorCode(secret, t.ctx.now()) });
    expect(done.statusCode).toBe(200);
    return { secret, recoveryCodes: done.json<TotpEnrolled>().recoveryCodes };
  }

  it('asks an admin without a second factor to enrol before anything else, then lets them in', async () => {
    t.setNow(start);
    const admin = await makeStaff(t, { role: 'admin' });
    const b = await signIn(admin);
    expect(b.body.secondFactor).toBe('enrol_required');
    const refused = await queue(b);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<ErrorResponse>().error.code).toBe('second_factor_required');

    const begun = await post(b, '/api/v1/session/totp');
    const { secret, uri } = begun.json<TotpEnrolment>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    // Sealed at rest: the database never holds the secret as it was shown.
    const stored = await t.ctx.db.selectFrom('staff_users').select(['totp_pending_enc', 'totp_secret_enc']).where('id', '=', admin.id).executeTakeFirstOrThrow();
    expect(stored.totp_pending_enc).not.toContain(secret);

    const wrong = await post(b, '/api/v1/session/totp/confirm', { code: authenticatorCode(secret, start, 5) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<ErrorResponse>().error.code).toBe('invalid_second_factor');
    expect((await queue(b)).statusCode).toBe(403);

    const done = await post(b, '/api/v1/session/totp/confirm', { code: authenticatorCode(secret, start) });
    expect(done.statusCode).toBe(200);
    const codes = done.json<TotpEnrolled>().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await queue(b)).statusCode).toBe(200);
    const after = await t.ctx.db.selectFrom('staff_users').select(['totp_secret_enc']).where('id', '=', admin.id).executeTakeFirstOrThrow();
    expect(after.totp_secret_enc).not.toBeNull();
    expect(after.totp_secret_enc).not.toContain(secret);
    const hashes = await t.ctx.db.selectFrom('staff_recovery_codes').select('code_hash').where('user_id', '=', admin.id).execute();
    expect(hashes.map((h) => h.code_hash).join(' ')).not.toContain(codes[0]?.replace('-', '') ?? 'x');
    // Enrolled already: starting again is refused.
    expect((await post(b, '/api/v1/session/totp')).statusCode).toBe(409);
  });

  it('refuses a wrong code and a replayed code, and accepts the next one', async () => {
    t.setNow(start);
    const handler = await makeStaff(t, { role: 'handler' });
    const first = await signIn(handler);
    expect(first.body.secondFactor).toBe('ok');
    const { secret } = await enrol(first);

    const second = await signIn(handler);
    expect(second.body).toMatchObject({ secondFactor: 'code_required', totpEnrolled: true });
    expect((await queue(second)).statusCode).toBe(403);
    // Before anything: 401 without a session, 400 for a malformed body.
    expect((await post(null, '/api/v1/session/second-factor', { code: '123456' })).statusCode).toBe(401);
    expect((await post(second, '/api/v1/session/second-factor', { code: '12345' })).statusCode).toBe(400);
    expect((await post(second, '/api/v1/session/second-factor', { code: '123456', recoveryCode: 'abcdef-ghijkl' })).statusCode).toBe(400);

    const wrong = await post(second, '/api/v1/session/second-factor', { code: authenticatorCode(secret, start, 3) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<ErrorResponse>().error.code).toBe('invalid_second_factor');
    // The code enrolment used is spent: replaying it is refused.
    const replay = await post(second, '/api/v1/session/second-factor', { code: authenticatorCode(secret, start) });
    expect(replay.statusCode).toBe(400);
    expect((await queue(second)).statusCode).toBe(403);

    t.setNow(new Date(start.getTime() + 30_000));
    const next = await post(second, '/api/v1/session/second-factor', { code: authenticatorCode(secret, t.ctx.now()) });
    expect(next.statusCode).toBe(200);
    expect(next.json<StaffSession>().secondFactor).toBe('ok');
    expect((await queue(second)).statusCode).toBe(200);

    // The same code, seen over a shoulder and typed in another session within its 30 s: refused.
    const third = await signIn(handler);
    expect((await post(third, '/api/v1/session/second-factor', { code: authenticatorCode(secret, t.ctx.now()) })).statusCode).toBe(400);
    t.setNow(start);
  });

  it('accepts each recovery code once, typed with or without its dash', async () => {
    t.setNow(start);
    const handler = await makeStaff(t, { role: 'reviewer' });
    const { recoveryCodes } = await enrol(await signIn(handler));
    const [one = '', two = ''] = recoveryCodes;

    const a = await signIn(handler);
    const used = await post(a, '/api/v1/session/second-factor', { recoveryCode: one.toUpperCase().replace('-', ' ') });
    expect(used.statusCode).toBe(200);
    expect((await queue(a)).statusCode).toBe(200);

    const b = await signIn(handler);
    const again = await post(b, '/api/v1/session/second-factor', { recoveryCode: one });
    expect(again.statusCode).toBe(400);
    expect((await post(b, '/api/v1/session/second-factor', { recoveryCode: 'aaaaaa-bbbbbb' })).statusCode).toBe(400);
    expect((await post(b, '/api/v1/session/second-factor', { recoveryCode: two })).statusCode).toBe(200);
    const left = await t.ctx.db.selectFrom('staff_recovery_codes').select('id').where('user_id', '=', handler.id).where('used_at', 'is', null).execute();
    expect(left).toHaveLength(8);
  });

  it('slows guessing of codes like guessing of passwords', async () => {
    t.setNow(start);
    const handler = await makeStaff(t, { role: 'handler' });
    const { secret } = await enrol(await signIn(handler));
    const b = await signIn(handler, '198.51.100.9');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await t.app.inject({
        method: 'POST', url: '/api/v1/session/second-factor', remoteAddress: '198.51.100.9',
        headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, payload: { code: String(100000 + i) },
      })).statusCode);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    // The right code from the owner's own address still works.
    t.setNow(new Date(start.getTime() + 30_000));
    const mine = await signIn(handler, '203.0.113.5');
    const ok = await t.app.inject({
      method: 'POST', url: '/api/v1/session/second-factor', remoteAddress: '203.0.113.5',
      headers: { cookie: mine.cookie, 'x-csrf-token': mine.csrf }, payload: { code: authenticatorCode(secret, t.ctx.now()) },
    });
    expect(ok.statusCode).toBe(200);
    t.setNow(start);
  });

  it('refuses enrolment routes without a session (401) or without the CSRF header (403)', async () => {
    expect((await post(null, '/api/v1/session/totp')).statusCode).toBe(401);
    expect((await post(null, '/api/v1/session/totp/confirm', { code: '123456' })).statusCode).toBe(401);
    const b = await signIn(await makeStaff(t, { role: 'handler' }));
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/session/totp', headers: { cookie: b.cookie } })).statusCode).toBe(403);
    expect((await post(b, '/api/v1/session/totp/confirm', { code: 'abcdef' })).statusCode).toBe(400);
    // Confirming before starting is a conflict, not a success.
    expect((await post(b, '/api/v1/session/totp/confirm', { code: '123456' })).statusCode).toBe(409);
    // Giving a second factor without having one is a conflict too.
    expect((await post(b, '/api/v1/session/second-factor', { code: '123456' })).statusCode).toBe(409);
  });
});
