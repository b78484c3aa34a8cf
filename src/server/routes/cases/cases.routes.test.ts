import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport, tableCounts } from '../../../../tests/support/intake.js';
import { adjustCase, makeCase } from '../../../../tests/support/factories.js';
import { findCase } from '../../../db/repositories/cases.js';
import { listAuditForCase } from '../../../db/repositories/audit-log.js';
import { DEFAULT_FIRST_RESPONSE_HOURS } from '../../../domain/first-response-clock.js';
import { initialSeverity } from '../../../domain/severity.js';
import type { ReportInput } from '../../../shared/report-input.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

interface QueueItem {
  reference: string; status: string; category: string; severity: string; assignee: { id: string; username: string } | null;
  receivedAt: string; firstResponseDueAt: string; reportedAccounts: string[];
}
interface QueueBody { cases: QueueItem[]; nextCursor: string | null }
interface CaseBody {
  case: {
    reference: string; status: string; category: string; severity: string; reportText: string; hasContactEmail: boolean;
    assignee: { id: string; username: string } | null;
    parties: { id: string; role: string; username: string | null }[];
    evidence: { kind: string; url: string }[];
    timeline: { type: string; at: string; actor: { kind: string; username?: string }; detail: string | null }[];
  };
}
interface ErrorBody { error: { code: string; message: string; fields?: { path: string }[] } }

function expectedDue(receivedAt: Date, input: ReportInput): Date {
  const severity = initialSeverity({ category: input.category, immediateDanger: input.immediateDanger });
  return new Date(receivedAt.getTime() + DEFAULT_FIRST_RESPONSE_HOURS[severity] * HOUR);
}

async function caseId(t: TestApp, reference: string): Promise<string> {
  const kase = await findCase(t.ctx.db, { reference });
  if (kase === null) throw new Error(`no case ${reference}`);
  return kase.id;
}

describe.each(testDialects())('case routes on %s', (dialect) => {
  const start = new Date('2026-03-02T10:00:00.000Z');

  describe('GET /api/v1/cases (the queue)', () => {
    let t: TestApp;
    let handler: SignedIn;
    const filed: { reference: string; input: ReportInput; at: Date }[] = [];

    function queue(query: string, who: SignedIn | null = handler) {
      return t.app.inject({ method: 'GET', url: `/api/v1/cases${query}`, headers: who === null ? {} : { cookie: who.cookie } });
    }

    beforeAll(async () => {
      t = await createTestApp(dialect, { now: start });
      handler = await signInAs(t, 'handler');
      // Normal reports first, a high one, then an emergency last of all: arrival order is the
      // opposite of urgency. Two reports share a moment, so the order must break ties.
      const plan: [number, Partial<ReportInput>][] = [
        [0, { category: 'hounding' }],
        [5, { category: 'hate', reportedAccounts: ['First-account', 'Second-account'] }],
        [5, { category: 'hounding' }],
        [10, { category: 'personal_information' }],
        [20, { category: 'other' }],
        [30, { category: 'hounding', immediateDanger: true }],
      ];
      for (const [minutes, overrides] of plan) {
        const at = new Date(start.getTime() + minutes * MINUTE);
        t.setNow(at);
        const report = await fileReport(t, overrides);
        filed.push({ reference: report.reference, input: report.input, at });
      }
      t.setNow(new Date(start.getTime() + 40 * MINUTE));
    });
    afterAll(async () => { await t.close(); });

    it('answers 401 without a session', async () => {
      const response = await queue('', null);
      expect(response.statusCode).toBe(401);
      expect(response.json<ErrorBody>().error.code).toBe('unauthenticated');
    });

    it.each([
      ['an unknown status', '?status=bogus', 'status'],
      ['an unknown category', '?category=spam', 'category'],
      ['a zero limit', '?limit=0', 'limit'],
      ['a limit over 100', '?limit=101', 'limit'],
      ['a limit that is not a number', '?limit=many', 'limit'],
      ['an unknown parameter', '?sort=oldest', undefined],
      ['a cursor that is not one', '?cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ])('answers 400 for %s', async (_label, query, field) => {
      const response = await queue(query);
      expect(response.statusCode).toBe(400);
      const body = response.json<ErrorBody>();
      expect(body.error.code).toBe('validation_failed');
      if (field !== undefined) expect(body.error.fields?.map((f) => f.path)).toContain(field);
    });

    it('orders open cases by first-response due time, the emergency filed last at the top', async () => {
      const response = await queue('');
      expect(response.statusCode).toBe(200);
      const body = response.json<QueueBody>();
      const expected = [...filed].sort((a, b) => expectedDue(a.at, a.input).getTime() - expectedDue(b.at, b.input).getTime());
      expect(body.cases.map((c) => c.reference)).toEqual(expect.arrayContaining(expected.map((e) => e.reference)));
      expect(body.cases).toHaveLength(filed.length);
      // Equal due times may come in either order, but due times never go backwards.
      const dues = body.cases.map((c) => Date.parse(c.firstResponseDueAt));
      expect(dues).toEqual([...dues].sort((a, b) => a - b));
      const emergency = filed.find((f) => f.input.immediateDanger);
      expect(body.cases[0]?.reference).toBe(emergency?.reference);
      expect(body.cases[0]?.severity).toBe('emergency');
      for (const item of body.cases) {
        const source = filed.find((f) => f.reference === item.reference);
        if (source === undefined) throw new Error(`unexpected case ${item.reference}`);
        expect(item.firstResponseDueAt).toBe(expectedDue(source.at, source.input).toISOString());
        expect(item.receivedAt).toBe(source.at.toISOString());
        expect(item.category).toBe(source.input.category);
        expect(item.status).toBe('new');
        expect(item.assignee).toBeNull();
        expect(item.reportedAccounts).toEqual(source.input.reportedAccounts);
      }
    });

    it('filters by category and by status', async () => {
      const hounding = (await queue('?category=hounding')).json<QueueBody>();
      const expected = filed.filter((f) => f.input.category === 'hounding').map((f) => f.reference);
      expect(hounding.cases.map((c) => c.reference).sort()).toEqual([...expected].sort());

      const closedRef = filed.find((f) => f.input.category === 'other')?.reference ?? '';
      const closedId = await caseId(t, closedRef);
      await adjustCase(t, closedId, { status: 'closed', outcome: 'non_actionable' });
      try {
        const open = (await queue('')).json<QueueBody>().cases.map((c) => c.reference);
        expect(open).not.toContain(closedRef);
        expect(open).toHaveLength(filed.length - 1);
        const closed = (await queue('?status=closed')).json<QueueBody>().cases.map((c) => c.reference);
        expect(closed).toEqual([closedRef]);
        const fresh = (await queue('?status=new')).json<QueueBody>().cases.map((c) => c.reference);
        expect(fresh.sort()).toEqual(filed.map((f) => f.reference).filter((r) => r !== closedRef).sort());
        expect((await queue('?status=closed&category=hounding')).json<QueueBody>().cases).toEqual([]);
      } finally {
        await adjustCase(t, closedId, { status: 'new' });
      }
    });

    it.each([1, 2, 4])('pages with limit=%i and nextCursor, every case exactly once and in queue order', async (limit) => {
      const whole = (await queue('?limit=100')).json<QueueBody>();
      expect(whole.nextCursor).toBeNull();
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
        const response = await queue(query);
        expect(response.statusCode).toBe(200);
        const page = response.json<QueueBody>();
        expect(page.cases.length).toBeLessThanOrEqual(limit);
        seen.push(...page.cases.map((c) => c.reference));
        cursor = page.nextCursor;
        pages += 1;
        expect(pages).toBeLessThanOrEqual(filed.length + 1);
      } while (cursor !== null);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(whole.cases.map((c) => c.reference));
      expect(pages).toBe(Math.ceil(filed.length / limit));
    });

    it('keeps the filter while paging', async () => {
      const first = (await queue('?category=hounding&limit=1')).json<QueueBody>();
      expect(first.nextCursor).not.toBeNull();
      const second = (await queue(`?category=hounding&limit=100&cursor=${encodeURIComponent(first.nextCursor ?? '')}`)).json<QueueBody>();
      const all = [...first.cases, ...second.cases];
      expect(all.every((c) => c.category === 'hounding')).toBe(true);
      expect(all).toHaveLength(filed.filter((f) => f.input.category === 'hounding').length);
    });
  });

  describe('GET /api/v1/cases/:reference and assignment', () => {
    let t: TestApp;
    let handler: SignedIn;
    const contactEmail = 'very-private-reporter@example.org';

    function view(reference: string, who: SignedIn | null = handler) {
      return t.app.inject({ method: 'GET', url: `/api/v1/cases/${reference}`, headers: who === null ? {} : { cookie: who.cookie } });
    }
    function assign(reference: string, who: SignedIn | null, csrf: boolean, payload?: object) {
      const headers: Record<string, string> = {};
      if (who !== null) headers.cookie = who.cookie;
      if (who !== null && csrf) headers['x-csrf-token'] = who.csrfToken;
      return t.app.inject({ method: 'POST', url: `/api/v1/cases/${reference}/assign`, headers, ...(payload === undefined ? {} : { payload }) });
    }
    async function missingReference(): Promise<string> {
      // Well-formed, but one past the last issued number of the year.
      const latest = await t.ctx.db.selectFrom('cases').select('reference').orderBy('reference', 'desc').executeTakeFirstOrThrow();
      const next = Number(latest.reference.slice(-6)) + 1;
      return `${latest.reference.slice(0, -6)}${String(next).padStart(6, '0')}`;
    }

    beforeAll(async () => {
      t = await createTestApp(dialect, { now: start });
      handler = await signInAs(t, 'handler');
    });
    afterAll(async () => { await t.close(); });

    it('walks 401, 400, 404 and then shows the case', async () => {
      const report = await fileReport(t, {
        reporterRole: 'third_party', targetAccount: 'Targeted-person', contactEmail,
        reportedAccounts: ['Loud-account', 'Quiet-account'],
        links: ['https://wiki.example.org/w/index.php?diff=77', 'https://forum.example.net/t/9'],
      });
      expect((await view(report.reference, null)).statusCode).toBe(401);

      for (const bad of ['HV-1', 'hv-2026-000001', 'HV-2026-1', 'HV-2026-0000001', '..%2Fetc']) {
        const response = await view(bad);
        expect(response.statusCode, bad).toBe(400);
        expect(response.json<ErrorBody>().error.fields?.map((f) => f.path)).toContain('reference');
      }

      const missing = await view(await missingReference());
      expect(missing.statusCode).toBe(404);
      expect(missing.json<ErrorBody>().error.code).toBe('not_found');

      const response = await view(report.reference);
      expect(response.statusCode).toBe(200);
      const { case: kase } = response.json<CaseBody>();
      expect(kase.reference).toBe(report.reference);
      expect(kase.reportText).toBe(report.input.description);
      expect(kase.category).toBe(report.input.category);
      expect(kase.hasContactEmail).toBe(true);
      expect(kase.parties.filter((p) => p.role === 'reported').map((p) => p.username)).toEqual(report.input.reportedAccounts);
      expect(kase.parties.filter((p) => p.role === 'target').map((p) => p.username)).toEqual([report.input.targetAccount]);
      expect(kase.parties.filter((p) => p.role === 'reporter')).toHaveLength(1);
      expect(kase.evidence.map((e) => e.url)).toEqual(report.input.links);
      expect(kase.evidence.every((e) => e.kind === 'link')).toBe(true);
      expect(kase.timeline.map((e) => e.type)).toEqual(['report_received']);
      expect(kase.timeline[0]?.at).toBe(t.ctx.now().toISOString());
      // The address is only ever known to the mail job, never to the handler's screen.
      expect(response.body).not.toContain(contactEmail);
      expect(response.body).not.toContain('contact_email');
    });

    it('writes a case.viewed audit row for every view, naming the viewer', async () => {
      const report = await fileReport(t);
      const id = await caseId(t, report.reference);
      const before = (await listAuditForCase(t.ctx.db, id)).filter((a) => a.action === 'case.viewed');
      await view(report.reference);
      await view(report.reference);
      const after = (await listAuditForCase(t.ctx.db, id)).filter((a) => a.action === 'case.viewed');
      expect(after).toHaveLength(before.length + 2);
      expect(after.at(-1)?.actorId).toBe(handler.userId);
      expect(after.at(-1)?.actorKind).toBe('staff');
    });

    it('walks 401, 400, 404 and 403 before assigning', async () => {
      const report = await fileReport(t);
      const before = await tableCounts(t);
      expect((await assign(report.reference, null, false)).statusCode).toBe(401);
      expect((await assign('HV-1', handler, true)).statusCode).toBe(400);
      expect((await assign(report.reference, handler, true, { assignee: 'someone-else' })).statusCode).toBe(400);
      expect((await assign(await missingReference(), handler, true)).statusCode).toBe(404);
      const noCsrf = await assign(report.reference, handler, false);
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json<ErrorBody>().error.code).toBe('forbidden');
      expect(await tableCounts(t)).toEqual(before);
      expect((await findCase(t.ctx.db, { reference: report.reference }))?.assigneeId).toBeNull();
    });

    it('lets a reviewer read a case but not take it', async () => {
      const report = await fileReport(t);
      const reviewer = await signInAs(t, 'reviewer');
      expect((await view(report.reference, reviewer)).statusCode).toBe(200);
      const before = await tableCounts(t);
      const response = await assign(report.reference, reviewer, true);
      expect(response.statusCode).toBe(403);
      expect(await tableCounts(t)).toEqual(before);
      expect((await findCase(t.ctx.db, { reference: report.reference }))?.assigneeId).toBeNull();
    });

    it('assigns to me with a timeline event and an audit row; a second time adds nothing', async () => {
      const report = await fileReport(t);
      const id = await caseId(t, report.reference);
      t.setNow(new Date(start.getTime() + 7 * MINUTE));
      const response = await assign(report.reference, handler, true);
      expect(response.statusCode).toBe(200);
      const { case: kase } = response.json<CaseBody>();
      expect(kase.assignee).toEqual({ id: handler.userId, username: handler.username });
      const assigned = kase.timeline.filter((e) => e.type === 'case_assigned');
      expect(assigned).toHaveLength(1);
      expect(assigned[0]?.actor).toEqual({ kind: 'staff', username: handler.username });
      expect(assigned[0]?.at).toBe(t.ctx.now().toISOString());
      const audit = (await listAuditForCase(t.ctx.db, id)).filter((a) => a.action === 'case.assigned');
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actorId).toBe(handler.userId);

      // The console sends `{}`; an API client may send no body at all (as above).
      const again = await assign(report.reference, handler, true, {});
      expect(again.statusCode).toBe(200);
      expect(again.json<CaseBody>().case.timeline.filter((e) => e.type === 'case_assigned')).toHaveLength(1);
      expect((await listAuditForCase(t.ctx.db, id)).filter((a) => a.action === 'case.assigned')).toHaveLength(1);

      const queue = (await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=100', headers: { cookie: handler.cookie } })).json<QueueBody>();
      expect(queue.cases.find((c) => c.reference === report.reference)?.assignee).toEqual({ id: handler.userId, username: handler.username });
    });

    it('refuses to take a case another handler holds, naming them, and changes nothing', async () => {
      const report = await fileReport(t);
      const other = await signInAs(t, 'handler');
      expect((await assign(report.reference, handler, true)).statusCode).toBe(200);
      const before = await tableCounts(t);
      for (const payload of [undefined, {}, { takeOver: false }]) {
        const refused = await assign(report.reference, other, true, payload);
        expect(refused.statusCode).toBe(409);
        expect(refused.json<ErrorBody>().error.code).toBe('held_by_other');
        expect(refused.json<ErrorBody>().error.message).toContain(handler.username);
      }
      expect(await tableCounts(t)).toEqual(before);
      expect((await findCase(t.ctx.db, { reference: report.reference }))?.assigneeId).toBe(handler.userId);
    });

    it('records a deliberate take-over with who had the case before', async () => {
      const report = await fileReport(t);
      const other = await signInAs(t, 'handler');
      await assign(report.reference, handler, true);
      const response = await assign(report.reference, other, true, { takeOver: true });
      expect(response.statusCode).toBe(200);
      const { case: kase } = response.json<CaseBody>();
      expect(kase.assignee?.id).toBe(other.userId);
      expect(kase.timeline.filter((e) => e.type === 'case_assigned')).toHaveLength(1);
      const takeOvers = kase.timeline.filter((e) => e.type === 'case_taken_over');
      expect(takeOvers).toHaveLength(1);
      expect(takeOvers[0]?.detail).toContain(handler.username);
      const audit = await listAuditForCase(t.ctx.db, await caseId(t, report.reference));
      expect(audit.filter((a) => a.action === 'case.taken_over').map((a) => a.actorId)).toEqual([other.userId]);
    });

    it('lets exactly one of two simultaneous claims win', async () => {
      const report = await fileReport(t);
      const rivals = [await signInAs(t, 'handler'), await signInAs(t, 'handler')];
      const results = await Promise.all(rivals.map((who) => assign(report.reference, who, true)));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = rivals[results.findIndex((r) => r.statusCode === 200)];
      expect((await findCase(t.ctx.db, { reference: report.reference }))?.assigneeId).toBe(winner?.userId);
    });

    it('rejects an unknown field or a non-boolean take-over', async () => {
      const report = await fileReport(t);
      for (const payload of [{ takeOver: 'yes' }, { assignee: 'someone' }]) {
        const response = await assign(report.reference, handler, true, payload);
        expect(response.statusCode).toBe(400);
        expect(response.json<ErrorBody>().error.code).toBe('validation_failed');
      }
    });

    it('hides a restricted case from staff outside its group, as if it did not exist', async () => {
      const report = await makeCase(t, { category: 'self_harm', restrictedToGroup: 'trust-and-safety' });
      const outsider = await signInAs(t, 'handler');
      const admin = await signInAs(t, 'admin');
      const missing = await view(await missingReference(), outsider);

      for (const who of [outsider, admin]) {
        const response = await view(report.reference, who);
        expect(response.statusCode).toBe(404);
        expect(response.json()).toEqual(missing.json());
        expect(response.body).not.toContain(report.input.description);

        const queue = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=100', headers: { cookie: who.cookie } });
        expect(queue.json<QueueBody>().cases.map((c) => c.reference)).not.toContain(report.reference);
        const filtered = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=100&category=self_harm', headers: { cookie: who.cookie } });
        expect(filtered.json<QueueBody>().cases).toEqual([]);

        const before = await tableCounts(t);
        const taken = await assign(report.reference, who, true);
        expect(taken.statusCode).toBe(404);
        expect(taken.json()).toEqual(missing.json());
        expect(await tableCounts(t)).toEqual(before);
      }
      // Nobody outside the group left a trace of having seen it.
      const id = await caseId(t, report.reference);
      expect((await listAuditForCase(t.ctx.db, id)).filter((a) => a.action === 'case.viewed')).toEqual([]);
    });
  });
});
