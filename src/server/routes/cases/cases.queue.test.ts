import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport } from '../../../../tests/support/intake.js';
import { adjustCase } from '../../../../tests/support/factories.js';
import type { ReportInput } from '../../../shared/report-input.js';
import { caseId, expectedDue, MINUTE, type ErrorBody, type QueueBody } from './cases.test-helpers.js';

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
});
