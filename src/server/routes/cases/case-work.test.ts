import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { tableCounts } from '../../../../tests/support/intake.js';
import { makeCase, makeDesk, makeStaff, signInStaff, type MadeCase } from '../../../../tests/support/factories.js';
import { findCase } from '../../../db/repositories/cases.js';
import { listAuditForCase } from '../../../db/repositories/audit-log.js';
import { listEvents } from '../../../db/repositories/case-events.js';
import { listJobs } from '../../../db/repositories/jobs.js';
import { missingReference, type CaseBody, type ErrorBody, type QueueBody } from './cases.test-helpers.js';
import { postAs } from './case-work.test-helpers.js';

const DAY = 24 * 3_600_000;

describe.each(testDialects())('working a case on %s', (dialect) => {
  const start = new Date('2026-04-06T09:00:00.000Z');
  let t: TestApp;
  let handler: SignedIn;
  let reviewer: SignedIn;
  let outsider: SignedIn;

  const post = (who: SignedIn | null, reference: string, suffix: string, payload: object, csrf = true) =>
    postAs(t, who, `/api/v1/cases/${reference}${suffix}`, payload, csrf);
  const caseOf = async (c: MadeCase) => (await findCase(t.ctx.db, { id: c.id }))!;
  const audit = async (c: MadeCase) => (await listAuditForCase(t.ctx.db, c.id)).map((a) => a.action);
  const events = async (c: MadeCase) => (await listEvents(t.ctx.db, c.id)).map((e) => e.type);

  /** Walks 401, 400, 404 (missing and another desk's handler), 403 (no CSRF, reviewer); nothing changes on the way. */
  async function walkRefusals(c: MadeCase, suffix: string, good: object, bad: object[]): Promise<void> {
    // Refusals write nothing but, at most, the audit of who tried.
    const before = await tableCounts(t, ['audit_log']);
    expect((await post(null, c.reference, suffix, good)).statusCode).toBe(401);
    for (const payload of bad) {
      const response = await post(handler, c.reference, suffix, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBe('validation_failed');
    }
    expect((await post(handler, 'HV-1', suffix, good)).statusCode).toBe(400);
    const missing = await post(handler, await missingReference(t), suffix, good);
    const foreign = await post(outsider, c.reference, suffix, good);
    expect(missing.statusCode).toBe(404);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json<ErrorBody>()).toEqual(missing.json<ErrorBody>());
    expect((await post(handler, c.reference, suffix, good, false)).statusCode).toBe(403);
    expect((await post(reviewer, c.reference, suffix, good)).statusCode).toBe(403);
    expect(await tableCounts(t, ['audit_log'])).toEqual(before);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    handler = await signInStaff(t, await makeStaff(t, { role: 'handler' }));
    reviewer = await signInStaff(t, await makeStaff(t, { role: 'reviewer' }));
    const elsewhere = await makeDesk(t, { slug: 'elsewhere', name: 'Elsewhere' });
    outsider = await signInStaff(t, await makeStaff(t, { role: 'handler', desk: elsewhere }));
  });
  afterAll(async () => { await t.close(); });

  describe('POST /api/v1/cases/:reference/status', () => {
    it('walks 401, 400, 404 and 403, then moves the case with an event, an audit row and a note for the reason', async () => {
      const c = await makeCase(t, { desk: 'main', status: 'acknowledged' });
      await walkRefusals(c, '/status', { to: 'investigating' }, [
        {}, { to: 'archived' }, { to: 'waiting' }, { to: 'investigating', waitingOn: 'reporter' }, { to: 'waiting', waitingOn: 'reporter', remindAfterDays: 0 },
        { to: 'investigating', extra: true },
      ]);
      expect((await caseOf(c)).status).toBe('acknowledged');
      const response = await post(handler, c.reference, '/status', { to: 'investigating', reason: 'Screenshots arrived; starting to look.' });
      expect(response.statusCode).toBe(200);
      const kase = response.json<CaseBody>().case;
      expect(kase.status).toBe('investigating');
      expect(kase.legalMoves).toEqual(['waiting', 'in_review']);
      const moved = kase.timeline.filter((e) => e.type === 'status_changed');
      expect(moved.at(-1)).toMatchObject({ detail: { from: 'acknowledged', to: 'investigating' }, actor: { kind: 'staff', username: handler.username } });
      expect(kase.notes.map((n) => n.body)).toEqual(['Screenshots arrived; starting to look.']);
      const row = await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('case_id', '=', c.id).where('action', '=', 'case.status_changed').executeTakeFirstOrThrow();
      expect(row.actor_id).toBe(handler.userId);
      expect(JSON.parse(row.detail)).toEqual({ from: 'acknowledged', to: 'investigating', waitingOn: null, noteId: kase.notes[0]?.id });
    });

    it('refuses an illegal move with 409 illegal_transition naming the possible moves, and changes nothing', async () => {
      const c = await makeCase(t, { desk: 'main', status: 'acknowledged' });
      const before = await tableCounts(t);
      const response = await post(handler, c.reference, '/status', { to: 'in_review' });
      expect(response.statusCode).toBe(409);
      expect(response.json<ErrorBody>().error.code).toBe('illegal_transition');
      expect(response.json<ErrorBody>().error.message).toContain('allowed: investigating');
      expect(await tableCounts(t)).toEqual(before);
      expect((await caseOf(c)).status).toBe('acknowledged');
    });

    it('refuses closing here, naming the close route, and moving a closed case, naming reopen', async () => {
      const open = await makeCase(t, { desk: 'main', status: 'investigating' });
      const closing = await post(handler, open.reference, '/status', { to: 'closed' });
      expect(closing.statusCode).toBe(409);
      expect(closing.json<ErrorBody>().error).toMatchObject({ code: 'illegal_transition' });
      expect(closing.json<ErrorBody>().error.message).toContain(`/api/v1/cases/${open.reference}/close`);
      const closed = await makeCase(t, { desk: 'main', status: 'closed' });
      const moving = await post(handler, closed.reference, '/status', { to: 'investigating' });
      expect(moving.statusCode).toBe(409);
      expect(moving.json<ErrorBody>().error.message).toContain('/reopen');
      const view = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${closed.reference}`, headers: { cookie: handler.cookie } });
      expect(view.json<CaseBody>().case.legalMoves).toEqual([]);
    });

    it('moves to waiting: who and since when in the case and the queue, clocks stopped, one silence reminder queued', async () => {
      const c = await makeCase(t, { desk: 'main', status: 'investigating' });
      const urgentBefore = (await caseOf(c)).urgentAt;
      const response = await post(handler, c.reference, '/status', { to: 'waiting', waitingOn: 'outside_venue', remindAfterDays: 3 });
      expect(response.statusCode).toBe(200);
      const remindAt = new Date(start.getTime() + 3 * DAY).toISOString();
      expect(response.json<CaseBody>().case.waiting).toEqual({ on: 'outside_venue', since: start.toISOString(), remindAt });
      const kase = await caseOf(c);
      expect(kase.urgentAt.toISOString()).toBe(remindAt);
      expect(kase.waiting?.pausedClockDueAt.getTime()).toBe(urgentBefore.getTime());
      const queue = (await t.app.inject({ method: 'GET', url: '/api/v1/cases?status=waiting', headers: { cookie: handler.cookie } })).json<QueueBody>();
      expect(queue.cases.find((q) => q.reference === c.reference)?.waiting).toEqual({ on: 'outside_venue', since: start.toISOString(), remindAt });
      const silence = (await listJobs(t.ctx.db, 'reminder.case_clock')).filter((j) => (j.payload as { caseId: string }).caseId === c.id
        && (j.payload as { clock: string }).clock === 'waiting_silence');
      expect(silence.map((j) => j.runAt.toISOString())).toEqual([remindAt]);
      expect(await events(c)).toContain('waiting_started');
    });
  });

  describe('POST /api/v1/cases/:reference/notes', () => {
    it('walks 401, 400, 404 and 403, then keeps the note for staff with a timeline event and an audit row', async () => {
      const c = await makeCase(t, { desk: 'main' });
      await walkRefusals(c, '/notes', { body: 'Checked the log.' }, [{}, { body: '' }, { body: 'x', pinned: true }, { body: 'x'.repeat(10_001) }]);
      const response = await post(handler, c.reference, '/notes', { body: 'Same account as in an earlier case.' });
      expect(response.statusCode).toBe(201);
      const kase = response.json<CaseBody>().case;
      expect(kase.notes.map(({ author, body, createdAt }) => ({ author, body, createdAt }))).toEqual([
        { author: { username: handler.username }, body: 'Same account as in an earlier case.', createdAt: start.toISOString() },
      ]);
      expect(kase.timeline.find((e) => e.type === 'note_added')?.detail).toEqual({ messageId: kase.notes[0]?.id });
      expect(kase.messages).toEqual([]);
      expect(await audit(c)).toContain('case.note_added');
      // A reviewer reads notes, though they cannot write them.
      const seen = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${c.reference}`, headers: { cookie: reviewer.cookie } });
      expect(seen.json<CaseBody>().case.notes).toHaveLength(1);
    });

    it('cannot be edited: the database refuses to change a note', async () => {
      const c = await makeCase(t, { desk: 'main' });
      const kase = (await post(handler, c.reference, '/notes', { body: 'First reading.' })).json<CaseBody>().case;
      await expect(t.ctx.db.updateTable('messages').set({ body: 'Rewritten.' }).where('id', '=', kase.notes[0]?.id ?? '').execute()).rejects.toThrow(/cannot be changed/);
    });
  });

  describe('POST /api/v1/cases/:reference/reopen', () => {
    it('walks 401, 400, 404 and 403, refuses an open case, then reopens a closed one with its reason as a note', async () => {
      const c = await makeCase(t, { desk: 'main', status: 'closed' });
      await walkRefusals(c, '/reopen', { reason: 'New screenshots.' }, [{}, { reason: '' }]);
      const open = await makeCase(t, { desk: 'main', status: 'investigating' });
      const refused = await post(handler, open.reference, '/reopen', { reason: 'Why not.' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json<ErrorBody>().error.code).toBe('illegal_transition');
      const response = await post(handler, c.reference, '/reopen', { reason: 'The account is back under a new name.' });
      expect(response.statusCode).toBe(200);
      const kase = response.json<CaseBody>().case;
      expect(kase.status).toBe('investigating');
      expect(kase.notes.map((n) => n.body)).toEqual(['The account is back under a new name.']);
      expect(kase.timeline.at(-2)).toMatchObject({ type: 'status_changed', detail: { from: 'closed', to: 'investigating' } });
      expect(await audit(c)).toContain('case.reopened');
      const row = await caseOf(c);
      expect(row.closedAt).toBeNull();
      expect(row.urgentAt.getTime()).toBe(start.getTime() + 7 * DAY);
    });
  });
});
