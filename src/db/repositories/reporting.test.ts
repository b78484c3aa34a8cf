import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { makeCase, makeDesk } from '../../../tests/support/factories.js';
import type { Category } from '../../domain/categories.js';
import { deskIndexes } from '../migrations/0012-2026-11-30-desks-indexes.js';
import type { HavenDb } from '../connection.js';
import { countCasesByMonthAndCategory, countsQuery } from './reporting.js';
import { listDesks } from './desks.js';

// Moments either side of month ends, in UTC: the month is the UTC calendar month.
const FILED: [string, Category][] = [
  ['2025-12-31T23:59:59.999Z', 'hate'],
  ['2026-01-01T00:00:00.000Z', 'hate'],
  ['2026-01-15T12:00:00.000Z', 'hounding'],
  ['2026-01-31T23:59:59.999Z', 'hounding'],
  ['2026-02-01T00:00:00.000Z', 'other'],
  ['2026-03-01T00:00:00.000Z', 'hounding'],
];

const sorted = <T extends { month: string; category: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => a.month.localeCompare(b.month) || a.category.localeCompare(b.category));

async function indexNames(t: TestApp): Promise<string[]> {
  const query = t.dialect === 'sqlite'
    ? sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'`
    : sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'cases' AND schemaname = current_schema()`;
  return (await query.execute(t.ctx.db)).rows.map((r) => r.name);
}

async function plan(db: HavenDb, dialect: string, deskId: string, range: { from: string; to: string }): Promise<string> {
  const compiled = countsQuery(db, dialect === 'sqlite' ? 'sqlite' : 'postgres', deskId, range).compile();
  const prefix = dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
  // SQLite names its plan column `detail`, PostgreSQL `QUERY PLAN`.
  const result = await db.executeQuery<{ detail?: string; 'QUERY PLAN'?: string }>(CompiledQuery.raw(`${prefix}${compiled.sql}`, [...compiled.parameters]));
  return result.rows.map((r) => r.detail ?? r['QUERY PLAN'] ?? '').join('\n');
}

describe.each(testDialects())('reporting repository on %s', (dialect) => {
  let t: TestApp;
  let main: string;
  let other: string;
  // On the default desk unless said otherwise.
  const counts = (range: { from: string; to: string }, deskIds = [main]) => countCasesByMonthAndCategory(t.ctx.db, dialect, { ...range, deskIds });
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const [at, category] of FILED) {
      await makeCase(t, { category, receivedAt: new Date(at), restrictedToGroup: category === 'other' ? 'trust-and-safety' : null });
    }
    main = (await listDesks(t.ctx.db)).find((d) => d.isDefault)?.id ?? '';
    const desk = await makeDesk(t);
    other = desk.id;
    for (const category of ['hate', 'hate', 'self_harm'] as const) await makeCase(t, { category, receivedAt: new Date('2026-01-20T12:00:00.000Z'), desk });
  });
  afterAll(async () => { await t.close(); });

  it('counts by UTC month and category, both ends inclusive, restricted cases included', async () => {
    const rows = await counts({ from: '2026-01', to: '2026-02' });
    expect(sorted(rows)).toEqual([
      { month: '2026-01', category: 'hate', count: 1 },
      { month: '2026-01', category: 'hounding', count: 2 },
      { month: '2026-02', category: 'other', count: 1 },
    ]);
    const all = await counts({ from: '2016-04', to: '2026-03' });
    expect(all.reduce((sum, r) => sum + r.count, 0)).toBe(FILED.length);
    expect(await counts({ from: '2026-04', to: '2026-06' })).toEqual([]);
  });

  it('counts only the desks asked for, and adds up several', async () => {
    const range = { from: '2026-01', to: '2026-01' };
    expect(sorted(await counts(range, [other]))).toEqual([
      { month: '2026-01', category: 'hate', count: 2 },
      { month: '2026-01', category: 'self_harm', count: 1 },
    ]);
    expect(sorted(await counts(range, [main, other]))).toEqual([
      { month: '2026-01', category: 'hate', count: 3 },
      { month: '2026-01', category: 'hounding', count: 2 },
      { month: '2026-01', category: 'self_harm', count: 1 },
    ]);
    expect(await counts(range, [])).toEqual([]);
  });

  it.runIf(dialect === 'postgres')('does not let the session time zone move a case into another month', async () => {
    const rows = await t.ctx.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL TIME ZONE 'Pacific/Kiritimati'`.execute(trx);
      return countCasesByMonthAndCategory(trx, dialect, { from: '2025-12', to: '2026-01', deskIds: [main] });
    });
    expect(sorted(rows)).toEqual([
      { month: '2025-12', category: 'hate', count: 1 },
      { month: '2026-01', category: 'hate', count: 1 },
      { month: '2026-01', category: 'hounding', count: 2 },
    ]);
  });

  it('is answered from the desk\'s month index without reading cases', async () => {
    const range = { from: '2016-04', to: '2026-03' };
    const text = dialect === 'sqlite'
      ? await plan(t.ctx.db, dialect, main, range)
      : await t.ctx.db.transaction().execute(async (trx) => {
        // Six rows make a table scan cheapest; the test is whether the index can be used at all.
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        return plan(trx, dialect, main, range);
      });
    expect(text).toContain('cases_desk_month_category');
    if (dialect === 'postgres') expect(text).toContain('Index Only Scan');
    else expect(text).not.toContain('TEMP B-TREE');
  });

  it('has a migration that removes and restores the index (0012, which put the desk first)', async () => {
    const indexes = deskIndexes(dialect);
    expect(await indexNames(t)).toContain('cases_desk_month_category');
    expect(await indexNames(t)).not.toContain('cases_month_category');
    await indexes.drop(t.ctx.db);
    expect(await indexNames(t)).not.toContain('cases_desk_month_category');
    await indexes.create(t.ctx.db);
    expect(await indexNames(t)).toContain('cases_desk_month_category');
  });
});
