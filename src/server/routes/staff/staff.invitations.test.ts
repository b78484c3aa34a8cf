import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type TestApp } from '../../../../tests/support/test-app.js';
import { makeDesk, makeStaff, signInStaff } from '../../../../tests/support/factories.js';
import { deliverStaffInvitation } from '../../../services/deliver-staff-invitation.js';
import type { OutgoingMail } from '../../../integrations/mail/mailer.js';
import type { ErrorResponse } from '../../../shared/api/errors.js';
import type { StaffSession } from '../../../shared/api/session.js';
import { as, latestInvitationToken } from './staff.test-helpers.js';

const HOUR = 3_600_000;

describe.each(testDialects())('staff invitations on %s', (dialect) => {
  let t: TestApp;
  const start = new Date('2026-03-02T10:00:00.000Z');
  beforeAll(async () => { t = await createTestApp(dialect, { now: start }); });
  afterAll(async () => { await t.close(); });

  const invite = (who: { cookie: string; csrfToken: string } | null, payload: object) => t.app.inject({
    method: 'POST', url: '/api/v1/staff/invitations', payload, headers: who === null ? {} : as(who),
  });
  const accept = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/session/invitation', payload });
  const body = (username: string, desk = 'main') => ({ username, email: `${username}@example.org`, desk, role: 'handler' });

  it('walks 401, 400, 403, 404 and 409 before inviting anyone', async () => {
    t.setNow(start);
    expect((await invite(null, body('nobody-1'))).statusCode).toBe(401);
    const admin = await signInAs(t, 'admin');
    const bad = await invite(admin, { ...body('nobody-2'), email: 'not an address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorResponse>().error.fields?.map((f) => f.path)).toContain('email');
    expect((await invite(admin, { ...body('nobody-3'), role: 'owner' })).statusCode).toBe(400);
    const handler = await signInAs(t, 'handler');
    expect((await invite(handler, body('nobody-4'))).statusCode).toBe(403);
    // A desk the admin does not administer is answered like one that does not exist.
    const other = await makeDesk(t, { slug: 'elsewhere' });
    expect((await invite(admin, body('nobody-5', other.slug))).statusCode).toBe(404);
    expect((await invite(admin, body('nobody-6', 'no-such-desk'))).statusCode).toBe(404);
    expect((await invite(admin, body(admin.username))).statusCode).toBe(409);
    const jobs = await t.ctx.db.selectFrom('jobs').select('id').where('kind', '=', 'email.staff_invitation').execute();
    expect(jobs).toHaveLength(0);
  });

  it('invites by a one-time link the invitee uses to set their own password, and signs them in', async () => {
    t.setNow(start);
    const admin = await signInAs(t, 'admin');
    const sent = await invite(admin, body('river'));
    expect(sent.statusCode).toBe(201);
    expect(sent.json<{ expiresAt: string }>().expiresAt).toBe(new Date(start.getTime() + 48 * HOUR).toISOString());
    // The username is reserved while the invitation lives.
    expect((await invite(admin, body('river'))).statusCode).toBe(409);
    const { token, jobId, payload } = await latestInvitationToken(t);

    // The email carries the link, to the address given; the link keeps the token out of the path and query.
    const mails: OutgoingMail[] = [];
    const mailer = { send: (m: OutgoingMail) => { mails.push(m); return Promise.resolve(); }, close: () => undefined };
    expect(await deliverStaffInvitation(t.ctx, { mailer, publicUrl: 'https://haven.example', mailDomain: 'haven.example' }, jobId, payload)).toBe('sent');
    expect(mails[0]?.to).toBe('river@example.org');
    expect(mails[0]?.text).toContain(`https://haven.example/desk/invitation#${token}`);
    expect(mails[0]?.text).toContain('river');

    expect((await accept({ token, password: 'short' })).statusCode).toBe(400);
    expect((await accept({ token: `${token}x`, password: 'a long enough first password' })).statusCode).toBe(404);
    const accepted = await accept({ token, password: 'a long enough first password' });
    expect(accepted.statusCode).toBe(200);
    const session = accepted.json<StaffSession>();
    expect(session.user).toMatchObject({ username: 'river', desks: [{ slug: 'main', name: 'Haven', role: 'handler' }] });
    expect(session.secondFactor).toBe('ok');
    const cookie = accepted.cookies.find((c) => c.name === 'haven_staff');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { cookie: `haven_staff=${cookie?.value ?? ''}` } })).statusCode).toBe(200);

    // Once only.
    const again = await accept({ token, password: 'another long password' });
    expect(again.statusCode).toBe(404);
    // Their own password works; the admin never knew it.
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'river', password: 'a long enough first password' } });
    expect(signIn.statusCode).toBe(200);
    // Used up: the email is not sent again on a retry.
    expect(await deliverStaffInvitation(t.ctx, { mailer, publicUrl: 'https://haven.example', mailDomain: 'haven.example' }, jobId, payload)).toBe('skipped');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'in', ['staff.invited', 'staff.invitation_accepted']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['staff.invitation_accepted', 'staff.invited']);
  });

  it('refuses an invitation link once it has expired', async () => {
    t.setNow(start);
    const admin = await signInAs(t, 'admin');
    expect((await invite(admin, body('late-comer'))).statusCode).toBe(201);
    const { token } = await latestInvitationToken(t);
    t.setNow(new Date(start.getTime() + 48 * HOUR));
    expect((await accept({ token, password: 'a long enough first password' })).statusCode).toBe(404);
    t.setNow(start);
  });

  it('asks an invited admin to set up a second factor before anything else', async () => {
    t.setNow(start);
    const desk = await makeDesk(t, { slug: 'lighthouse' });
    const admin = await signInStaff(t, await makeStaff(t, { role: 'admin', desk }));
    expect((await invite(admin, { ...body('keeper', desk.slug), role: 'admin' })).statusCode).toBe(201);
    const { token } = await latestInvitationToken(t);
    const accepted = await accept({ token, password: 'a long enough first password' });
    expect(accepted.json<StaffSession>().secondFactor).toBe('enrol_required');
  });
});
