import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../support/test-app.js';
import { grantRole, makeCase, makeDesk, makeMessage, makeParty, makeStaff, signInStaff, staffActor } from '../support/factories.js';
import { findCase } from '../../src/db/repositories/cases.js';
import { listMessagesFor, listParties } from '../../src/db/repositories/case-parts.js';
import { openAccountName } from '../../src/services/party-details.js';
import { listEvents } from '../../src/db/repositories/case-events.js';

const HOUR = 3_600_000;

// The factories are test code that every other test trusts: each override must land.
describe.each(testDialects())('test factories on %s', (dialect) => {
  const start = new Date('2026-05-11T08:00:00.000Z');
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect, { now: start }); });
  afterAll(async () => { await t.close(); });

  it('makes a new, open case with its reporter, who holds a live access code, at the app clock', async () => {
    const made = await makeCase(t, { reportedAccounts: ['Made-reported'] });
    const kase = await findCase(t.ctx.db, { id: made.id });
    expect(kase).toMatchObject({ reference: made.reference, status: 'new', severity: 'normal', assigneeId: null, restrictedToGroup: null });
    expect(kase?.receivedAt.toISOString()).toBe(start.toISOString());
    const parties = await listParties(t.ctx.db, made.id);
    expect(parties.map((p) => [p.role, p.clearAccountName, p.canReceiveReplies])).toEqual([['reporter', null, true], ['reported', 'Made-reported', false]]);
    const session = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: made.accessCode } });
    expect(session.json<{ reference: string }>().reference).toBe(made.reference);
  });

  it.each([['emergency', 1], ['high', 24], ['normal', 72]] as const)('makes a %s case, due %i hours after it was received', async (severity, hours) => {
    const receivedAt = new Date(start.getTime() - 5 * HOUR);
    const made = await makeCase(t, { severity, receivedAt });
    const kase = await findCase(t.ctx.db, { id: made.id });
    expect(kase?.severity).toBe(severity);
    expect(kase?.receivedAt.toISOString()).toBe(receivedAt.toISOString());
    expect(kase?.firstResponseDueAt.getTime()).toBe(receivedAt.getTime() + hours * HOUR);
  });

  it('refuses a severity that intake would not give the report asked for', async () => {
    await expect(makeCase(t, { severity: 'normal', category: 'self_harm' })).rejects.toThrow(/emergency, not normal/);
  });

  it('puts a case in the status asked for: closed with an outcome, or open without one', async () => {
    const closed = await makeCase(t, { status: 'closed', outcome: 'referred' });
    expect(await findCase(t.ctx.db, { id: closed.id })).toMatchObject({ status: 'closed', outcome: 'referred', closedAt: start });
    const waiting = await makeCase(t, { status: 'waiting' });
    expect(await findCase(t.ctx.db, { id: waiting.id })).toMatchObject({ status: 'waiting', outcome: null, closedAt: null });
    const handler = await signInStaff(t, await makeStaff(t));
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=100', headers: { cookie: handler.cookie } });
    const open = queue.json<{ cases: { reference: string }[] }>().cases.map((c) => c.reference);
    expect(open).toContain(waiting.reference);
    expect(open).not.toContain(closed.reference);
  });

  it('assigns a case through "assign to me" and restricts it to a group', async () => {
    const staff = await makeStaff(t, { role: 'escalation' });
    const made = await makeCase(t, { assigneeId: staff.id, restrictedToGroup: 'trust-and-safety' });
    expect(await findCase(t.ctx.db, { id: made.id })).toMatchObject({ assigneeId: staff.id, restrictedToGroup: 'trust-and-safety' });
    const assigned = (await listEvents(t.ctx.db, made.id)).filter((e) => e.type === 'case_assigned');
    expect(assigned.map((e) => e.actorId)).toEqual([staff.id]);
  });

  it('adds a party, its address sealed', async () => {
    const made = await makeCase(t);
    const party = await makeParty(t, made.id, { role: 'witness', username: 'Made-witness', contactEmail: 'witness@example.org' });
    const parties = await listParties(t.ctx.db, made.id);
    const listed = parties.find((p) => p.id === party.id);
    // A witness's account name is sealed, as the services store it.
    expect(listed).toMatchObject({ role: 'witness', clearAccountName: null, hasContactEmail: true });
    expect(listed === undefined ? null : openAccountName(t.ctx.cipher, listed)).toBe('Made-witness');
    const row = await t.ctx.db.selectFrom('case_parties').select('contact_email_enc').where('id', '=', party.id).executeTakeFirstOrThrow();
    expect(row.contact_email_enc).not.toContain('witness@example.org');
  });

  it('makes staff who can sign in, or cannot once disabled', async () => {
    const active = await makeStaff(t, { role: 'reviewer', email: 'reviewer-made@example.org' });
    const disabled = await makeStaff(t, { disabled: true });
    const signIn = (who: { username: string; password: string }) =>
      t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: who.username, password: who.password } });
    expect((await signIn(active)).json<{ user: { desks: { role: string }[] } }>().user.desks.map((d) => d.role)).toEqual(['reviewer']);
    expect((await signIn(disabled)).statusCode).toBe(401);
  });

  it('writes messages both ways with what comes with them', async () => {
    const made = await makeCase(t);
    await makeMessage(t, made, { body: 'A reply from the desk.' });
    t.setNow(new Date(start.getTime() + HOUR));
    try {
      await makeMessage(t, made, { from: 'reporter', body: 'More from the reporter.', links: ['https://wiki.example.org/w/index.php?diff=42'] });
    } finally {
      t.setNow(start);
    }
    expect((await findCase(t.ctx.db, { id: made.id }))?.status).toBe('acknowledged');
    const reporter = (await listParties(t.ctx.db, made.id)).find((p) => p.role === 'reporter');
    const thread = await listMessagesFor(t.ctx.db, made.id, `party:${reporter?.id ?? ''}`);
    expect(thread.map((m) => [m.authorKind, m.body])).toEqual([['staff', 'A reply from the desk.'], ['reporter', 'More from the reporter.']]);
    const events = (await listEvents(t.ctx.db, made.id)).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['reply_sent', 'reporter_added_information']));
  });

  it('makes desks, and staff and cases on them', async () => {
    const desk = await makeDesk(t, { slug: 'made-desk', reporterName: 'The made community' });
    expect(desk).toMatchObject({ slug: 'made-desk', reporterName: 'The made community' });
    const staff = await makeStaff(t, { role: 'admin', desk });
    expect(staff.desk).toBe('made-desk');
    const made = await makeCase(t, { desk, assigneeId: staff.id });
    expect(await findCase(t.ctx.db, { id: made.id })).toMatchObject({ deskId: desk.id, desk: { slug: 'made-desk' }, assigneeId: staff.id });
    expect([...(await staffActor(t, staff.id)).roles]).toEqual([[desk.id, 'admin']]);
    await grantRole(t, staff, 'main', 'reviewer');
    expect((await staffActor(t, staff.id)).roles.size).toBe(2);
    // With two desks, a case must say which: the factory passes intake's own refusal on.
    await expect(makeCase(t)).rejects.toThrow(/which community or team/);
  });
});
