import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { tableCounts } from '../../../../tests/support/intake.js';
import { makeCase } from '../../../../tests/support/factories.js';
import { CATEGORIES, type Category } from '../../../domain/categories.js';
import { STAFF_ROLES } from '../../../domain/access-policy.js';
import type { CaseCounts as CountsBody } from '../../../shared/api/reporting.js';
import type { ErrorResponse as ErrorBody } from '../../../shared/api/errors.js';


// The clock stands at 2 March 2026, so the default range is April 2025 to March 2026.
const NOW = new Date('2026-03-02T10:00:00.000Z');
const FILED: [string, Category, number][] = [
  ['2025-03-31T23:59:59.999Z', 'hate', 1], // just before the default range
  ['2025-04-01T00:00:00.000Z', 'hate', 1], // its first moment
  ['2026-01-31T23:59:59.999Z', 'hounding', 1],
  ['2026-02-01T00:00:00.000Z', 'hounding', 6],
  ['2026-02-10T08:00:00.000Z', 'off_site', 2],
  ['2026-03-01T09:00:00.000Z', 'self_harm', 1],
];

describe.each(testDialects())('GET /api/v1/reporting/counts on %s', (dialect) => {
  let t: TestApp;
  let handler: SignedIn;

  function counts(query: string, who: SignedIn | null = handler) {
    return t.app.inject({ method: 'GET', url: `/api/v1/reporting/counts${query}`, headers: who === null ? {} : { cookie: who.cookie } });
  }
  async function auditRows() {
    return t.ctx.db.selectFrom('audit_log').select(['actor_id', 'actor_kind', 'case_id', 'detail'])
      .where('action', '=', 'reporting.counts_viewed').orderBy('seq').execute();
  }
  const cell = (body: CountsBody, month: string, category: string) => body.rows.find((r) => r.month === month && r.category === category)?.count;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: NOW });
    // Restricted cases count like any other; the counts say nothing else about them.
    for (const [at, category, times] of FILED) {
      const restrictedToGroup = category === 'self_harm' ? 'trust-and-safety' : null;
      for (let i = 0; i < times; i += 1) await makeCase(t, { category, receivedAt: new Date(at), restrictedToGroup });
    }
    handler = await signInAs(t, 'handler');
  });
  afterAll(async () => { await t.close(); });

  it('answers 401 without a session, and records nothing', async () => {
    const before = await tableCounts(t);
    const response = await counts('', null);
    expect(response.statusCode).toBe(401);
    expect(response.json<ErrorBody>().error.code).toBe('unauthenticated');
    expect(await tableCounts(t)).toEqual(before);
  });

  it.each([
    ['a month that is not one', '?from=2026-13', 'from'],
    ['a month without its year', '?to=26-01', 'to'],
    ['a date instead of a month', '?from=2026-01-01', 'from'],
    ['a last month before the first', '?from=2026-03&to=2026-01', 'to'],
    ['a first month after the current one, alone', '?from=2026-04', 'to'],
    ['121 months', '?from=2016-01&to=2026-01', 'to'],
    ['publication that is not true or false', '?publication=yes', 'publication'],
    ['an unknown parameter', '?category=hate', undefined],
  ])('answers 400 for %s, and records nothing', async (_label, query, field) => {
    const before = await tableCounts(t);
    const response = await counts(query);
    expect(response.statusCode).toBe(400);
    const body = response.json<ErrorBody>();
    expect(body.error.code).toBe('validation_failed');
    if (field !== undefined) expect(body.error.fields?.map((f) => f.path)).toContain(field);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('counts the twelve months ending with the current one by default, every category and month listed', async () => {
    const response = await counts('');
    expect(response.statusCode).toBe(200);
    const body = response.json<CountsBody>();
    expect(body.from).toBe('2025-04');
    expect(body.to).toBe('2026-03');
    expect(body.months).toHaveLength(12);
    expect(body.categories).toEqual([...CATEGORIES]);
    expect(body.rows).toHaveLength(12 * CATEGORIES.length);
    expect(cell(body, '2025-04', 'hate')).toBe(1);
    expect(cell(body, '2026-01', 'hounding')).toBe(1);
    expect(cell(body, '2026-02', 'hounding')).toBe(6);
    expect(cell(body, '2026-02', 'off_site')).toBe(2);
    expect(cell(body, '2026-03', 'self_harm')).toBe(1);
    expect(cell(body, '2026-03', 'hate')).toBe(0);
    expect(body.totals.all).toBe(11);
    expect(body.totals.byMonth.find((m) => m.month === '2026-02')?.count).toBe(8);
    expect(body.totals.byCategory.find((c) => c.category === 'hounding')?.count).toBe(7);
    expect(body.suppressedBelow).toBeNull();
  });

  it('takes an explicit range of up to 120 months', async () => {
    const body = (await counts('?from=2016-04&to=2026-03')).json<CountsBody>();
    expect(body.months).toHaveLength(120);
    expect(body.totals.all).toBe(12);
    expect(cell(body, '2025-03', 'hate')).toBe(1);
    const one = (await counts('?from=2026-02&to=2026-02')).json<CountsBody>();
    expect(one.months).toEqual(['2026-02']);
    expect(one.totals.all).toBe(8);
  });

  it('for publication, shows small counts as null and hides every total that would reveal one', async () => {
    const response = await counts('?from=2026-02&to=2026-02&publication=true');
    expect(response.statusCode).toBe(200);
    const body = response.json<CountsBody>();
    expect(body.suppressedBelow).toBe(5);
    expect(cell(body, '2026-02', 'hounding')).toBe(6);
    expect(cell(body, '2026-02', 'off_site')).toBeNull();
    expect(cell(body, '2026-02', 'hate')).toBe(0);
    // 8 in February minus the 6 shown would give the suppressed 2.
    expect(body.totals.byMonth).toEqual([{ month: '2026-02', count: null }]);
    expect(body.totals.byCategory.find((c) => c.category === 'hounding')?.count).toBe(6);
    expect(body.totals.byCategory.find((c) => c.category === 'off_site')?.count).toBeNull();
    expect(body.totals.all).toBeNull();
    const unsuppressed = (await counts('?from=2026-02&to=2026-02&publication=false')).json<CountsBody>();
    expect(unsuppressed.totals.all).toBe(8);
    expect(unsuppressed.suppressedBelow).toBeNull();
  });

  it('audits each read with the reader, the range and whether it was for publication', async () => {
    const before = (await auditRows()).length;
    await counts('?from=2025-06&to=2026-01&publication=true');
    const rows = await auditRows();
    expect(rows).toHaveLength(before + 1);
    const last = rows.at(-1);
    expect(last?.actor_kind).toBe('staff');
    expect(last?.actor_id).toBe(handler.userId);
    expect(last?.case_id).toBeNull();
    expect(JSON.parse(last?.detail ?? '{}')).toEqual({ from: '2025-06', to: '2026-01', publication: true });
  });

  it.each(STAFF_ROLES)('gives a %s the same numbers: they are aggregate', async (role) => {
    const other = await signInAs(t, role);
    const theirs = await counts('?from=2026-01&to=2026-03', other);
    expect(theirs.statusCode).toBe(200);
    const mine = await counts('?from=2026-01&to=2026-03');
    expect(theirs.json<CountsBody>()).toEqual(mine.json<CountsBody>());
    expect((await auditRows()).at(-2)?.actor_id).toBe(other.userId);
  });

  it('is described in the OpenAPI document, query and all', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{ paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>();
    expect(doc.paths['/api/v1/reporting/counts']?.get?.parameters?.map((p) => p.name).sort()).toEqual(['from', 'publication', 'to']);
  });

  it('follows the injected clock for the default range', async () => {
    t.setNow(new Date('2026-12-31T23:59:59.999Z'));
    try {
      // The first session has long expired by then.
      const body = (await counts('', await signInAs(t, 'reviewer'))).json<CountsBody>();
      expect([body.from, body.to]).toEqual(['2026-01', '2026-12']);
      expect(body.totals.all).toBe(10);
    } finally {
      t.setNow(NOW);
    }
  });
});
