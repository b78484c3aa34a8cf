import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type TestApp } from '../../../../tests/support/test-app.js';
import { grantRole, makeDesk, makeStaff, signInStaff, type MadeDesk } from '../../../../tests/support/factories.js';
import type { StaffListResponse } from '../../../shared/api/staff.js';
import type { StaffSession } from '../../../shared/api/session.js';
import type { ErrorResponse } from '../../../shared/api/errors.js';
import { as } from './staff.test-helpers.js';

const NO_SUCH_ID = '01890000-0000-7000-8000-000000000000';

describe.each(testDialects())('staff administration on %s', (dialect) => {
  let t: TestApp;
  let harbour: MadeDesk;
  let other: MadeDesk;
  const start = new Date('2026-03-02T10:00:00.000Z');
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    harbour = await makeDesk(t, { slug: 'harbour', name: 'Harbour' });
    other = await makeDesk(t, { slug: 'orchard', name: 'Orchard' });
  });
  afterAll(async () => { await t.close(); });

  type Who = { cookie: string; csrfToken: string } | null;
  const send = (method: 'PUT' | 'DELETE', url: string, who: Who, payload?: object) => t.app.inject({
    method, url, ...(payload === undefined ? {} : { payload }), headers: who === null ? {} : as(who),
  });
  const list = (who: { cookie: string }) => t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: { cookie: who.cookie } });
  const session = (who: { cookie: string }) => t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: who.cookie } });
  async function adminOf(desk: MadeDesk) {
    return signInStaff(t, await makeStaff(t, { role: 'admin', desk }));
  }

  it('lists the people of the admin\'s desks with their roles there, sessions and failed sign-ins; 401 and 403 first', async () => {
    t.setNow(start);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/staff' })).statusCode).toBe(401);
    expect((await list(await signInAs(t, 'handler'))).statusCode).toBe(403);

    const admin = await adminOf(harbour);
    const both = await makeStaff(t, { role: 'handler', desk: harbour });
    await grantRole(t, both, other, 'reviewer');
    const stranger = await makeStaff(t, { role: 'handler', desk: other });
    await signInStaff(t, both);
    for (const address of ['198.51.100.1', '198.51.100.2']) {
      await t.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: address, payload: { username: both.username, password: 'wrong password here' } });
    }
    const response = await list(admin);
    expect(response.statusCode).toBe(200);
    const body = response.json<StaffListResponse>();
    expect(body.desks).toEqual([{ slug: 'harbour', name: 'Harbour', requireSecondFactor: false }]);
    expect(body.staff.map((p) => p.username)).not.toContain(stranger.username);
    const person = body.staff.find((p) => p.id === both.id);
    // Their role on a desk the admin does not administer is not shown.
    expect(person?.roles).toEqual([{ slug: 'harbour', name: 'Harbour', role: 'handler' }]);
    expect(person?.sessions).toHaveLength(1);
    expect(person?.failedSignIns).toEqual({ count: 2, lastAt: start.toISOString(), sources: 2 });
    expect(person).toMatchObject({ active: true, secondFactor: false });
  });

  it('changes roles only on the admin\'s own desks: an admin of another desk cannot touch yours', async () => {
    t.setNow(start);
    const admin = await adminOf(harbour);
    const otherAdmin = await adminOf(other);
    const person = await makeStaff(t, { role: 'handler', desk: harbour });
    const url = `/api/v1/staff/${person.id}/desks/harbour`;
    expect((await send('PUT', url, null, { role: 'reviewer' })).statusCode).toBe(401);
    expect((await send('PUT', url, admin, { role: 'owner' })).statusCode).toBe(400);
    expect((await send('PUT', `/api/v1/staff/not-an-id/desks/harbour`, admin, { role: 'reviewer' })).statusCode).toBe(400);
    expect((await send('PUT', url, await signInAs(t, 'handler'), { role: 'reviewer' })).statusCode).toBe(403);
    const fromOther = await send('PUT', url, otherAdmin, { role: 'admin' });
    expect(fromOther.statusCode).toBe(404);
    // Nor give the person a role on their own desk: the person is not on it, so not theirs to see.
    expect((await send('PUT', `/api/v1/staff/${person.id}/desks/orchard`, otherAdmin, { role: 'handler' })).statusCode).toBe(404);
    expect((await send('PUT', `/api/v1/staff/${NO_SUCH_ID}/desks/harbour`, admin, { role: 'handler' })).statusCode).toBe(404);
    const who = await signInStaff(t, person);

    expect((await send('PUT', url, admin, { role: 'reviewer' })).statusCode).toBe(204);
    expect((await session(who)).json<StaffSession>().user.desks).toEqual([{ slug: 'harbour', name: 'Harbour', role: 'reviewer' }]);
    expect((await send('PUT', url, admin, { role: null })).statusCode).toBe(204);
    expect((await session(who)).json<StaffSession>().user.desks).toEqual([]);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', 'in', ['staff.role_granted', 'staff.role_revoked'])
      .where('actor_id', '=', admin.userId).execute();
    expect(audit.map((a) => a.action)).toEqual(['staff.role_granted', 'staff.role_revoked']);
  });

  it('never leaves a desk without an admin', async () => {
    const lone = await makeDesk(t, { slug: 'lone' });
    const admin = await adminOf(lone);
    const refused = await send('PUT', `/api/v1/staff/${admin.userId}/desks/lone`, admin, { role: 'handler' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorResponse>().error.code).toBe('conflict');
  });

  it('resets a second factor: the person\'s sessions end and they enrol again where required', async () => {
    t.setNow(start);
    const admin = await adminOf(harbour);
    const colleague = await makeStaff(t, { role: 'admin', desk: harbour });
    const open = await signInStaff(t, colleague);
    const url = `/api/v1/staff/${colleague.id}/second-factor`;
    expect((await send('DELETE', url, null)).statusCode).toBe(401);
    expect((await send('DELETE', '/api/v1/staff/123/second-factor', admin)).statusCode).toBe(400);
    expect((await send('DELETE', url, await adminOf(other))).statusCode).toBe(404);
    expect((await send('DELETE', `/api/v1/staff/${admin.userId}/second-factor`, admin)).statusCode).toBe(409);
    expect((await send('DELETE', url, admin)).statusCode).toBe(204);
    expect((await session(open)).statusCode).toBe(401);
    const row = await t.ctx.db.selectFrom('staff_users').select('totp_secret_enc').where('id', '=', colleague.id).executeTakeFirstOrThrow();
    expect(row.totp_secret_enc).toBeNull();
    const again = await signInStaff(t, colleague, { secondFactor: 'leave' });
    expect((await session(again)).json<StaffSession>().secondFactor).toBe('enrol_required');
  });

  it('deactivates an account: its open console is signed out on the next request, and it cannot sign in', async () => {
    t.setNow(start);
    const admin = await adminOf(harbour);
    const person = await makeStaff(t, { role: 'handler', desk: harbour });
    const open = await signInStaff(t, person);
    const url = `/api/v1/staff/${person.id}/active`;
    expect((await send('PUT', url, null, { active: false })).statusCode).toBe(401);
    expect((await send('PUT', url, admin, { active: 'no' })).statusCode).toBe(400);
    expect((await send('PUT', url, await adminOf(other), { active: false })).statusCode).toBe(404);
    expect((await send('PUT', `/api/v1/staff/${admin.userId}/active`, admin, { active: false })).statusCode).toBe(409);
    expect((await send('PUT', url, admin, { active: false })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie: open.cookie } })).statusCode).toBe(401);
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: person.username, password: person.password } });
    expect(signIn.statusCode).toBe(401);
    expect((await list(admin)).json<StaffListResponse>().staff.find((p) => p.id === person.id)?.active).toBe(false);
    expect((await send('PUT', url, admin, { active: true })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: person.username, password: person.password } })).statusCode).toBe(200);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('action', 'in', ['staff.deactivated', 'staff.reactivated'])
      .where('actor_id', '=', admin.userId).execute();
    expect(audit.map((a) => [a.action, JSON.parse(a.detail) as unknown])).toEqual([
      ['staff.deactivated', { staffId: person.id, sessions: 1 }], ['staff.reactivated', { staffId: person.id }],
    ]);
  });

  it('leaves deactivating someone who also works elsewhere to an admin of every desk they are on', async () => {
    const admin = await adminOf(harbour);
    const person = await makeStaff(t, { role: 'handler', desk: harbour });
    await grantRole(t, person, other, 'handler');
    const refused = await send('PUT', `/api/v1/staff/${person.id}/active`, admin, { active: false });
    expect(refused.statusCode).toBe(403);
  });

  it('lets a desk\'s admin require a second factor of every role there', async () => {
    t.setNow(start);
    const admin = await adminOf(harbour);
    const handler = await signInStaff(t, await makeStaff(t, { role: 'handler', desk: harbour }));
    const elsewhere = await signInStaff(t, await makeStaff(t, { role: 'handler', desk: other }));
    const url = '/api/v1/desks/harbour/second-factor';
    expect((await send('PUT', url, null, { required: true })).statusCode).toBe(401);
    expect((await send('PUT', url, admin, { required: 'yes' })).statusCode).toBe(400);
    expect((await send('PUT', url, handler, { required: true })).statusCode).toBe(403);
    expect((await send('PUT', url, await adminOf(other), { required: true })).statusCode).toBe(404);
    expect((await send('PUT', url, admin, { required: true })).statusCode).toBe(204);
    expect((await session(handler)).json<StaffSession>().secondFactor).toBe('enrol_required');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie: handler.cookie } })).statusCode).toBe(403);
    expect((await session(elsewhere)).json<StaffSession>().secondFactor).toBe('ok');
    expect((await list(admin)).json<StaffListResponse>().desks).toEqual([{ slug: 'harbour', name: 'Harbour', requireSecondFactor: true }]);
    expect((await send('PUT', url, admin, { required: false })).statusCode).toBe(204);
    expect((await session(handler)).json<StaffSession>().secondFactor).toBe('ok');
  });
});
