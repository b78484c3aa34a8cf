import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { makeCase } from '../../../tests/support/factories.js';
import type { Category } from '../../domain/categories.js';
import { reportingCountsMigration } from '../migrations/0007-2026-11-26-reporting-counts.js';
import type { HavenDb } from '../connection.js';
import { countCasesByMonthAndCategory, countsQuery } from './reporting.js';

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

async function plan(db: HavenDb, dialect: string, range: { from: string; to: string }): Promise<string> {
  const compiled = countsQuery(db, dialect === 'sqlite' ? 'sqlite' : 'postgres', range).compile();
  const prefix = dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
  // SQLite names its plan column `detail`, PostgreSQL `QUERY PLAN`.
  const result = await db.executeQuery<{ detail?: string; 'QUERY PLAN'?: string }>(CompiledQuery.raw(`${prefix}${compiled.sql}`, [...compiled.parameters]));
  return result.rows.map((r) => r.detail ?? r['QUERY PLAN'] ?? '').join('\n');
}

describe.each(testDialects())('reporting repository on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const [at, category] of FILED) {
      await makeCase(t, { category, receivedAt: new Date(at), restrictedToGroup: category === 'other' ? 'trust-and-safety' : null });
    }
  });
  afterAll(async () => { await t.close(); });

  it('counts by UTC month and category, both ends inclusive, restricted cases included', async () => {
    const rows = await countCasesByMonthAndCategory(t.ctx.db, dialect, { from: '2026-01', to: '2026-02' });
    expect(sorted(rows)).toEqual([
      { month: '2026-01', category: 'hate', count: 1 },
      { month: '2026-01', category: 'hounding', count: 2 },
      { month: '2026-02', category: 'other', count: 1 },
    ]);
    const all = await countCasesByMonthAndCategory(t.ctx.db, dialect, { from: '2016-04', to: '2026-03' });
    expect(all.reduce((sum, r) => sum + r.count, 0)).toBe(FILED.length);
    expect(await countCasesByMonthAndCategory(t.ctx.db, dialect, { from: '2026-04', to: '2026-06' })).toEqual([]);
  });

  it.runIf(dialect === 'postgres')('does not let the session time zone move a case into another month', async () => {
    const rows = await t.ctx.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL TIME ZONE 'Pacific/Kiritimati'`.execute(trx);
      return countCasesByMonthAndCategory(trx, dialect, { from: '2025-12', to: '2026-01' });
    });
    expect(sorted(rows)).toEqual([
      { month: '2025-12', category: 'hate', count: 1 },
      { month: '2026-01', category: 'hate', count: 1 },
      { month: '2026-01', category: 'hounding', count: 2 },
    ]);
  });

  it('is answered from the month index without reading cases', async () => {
    const range = { from: '2016-04', to: '2026-03' };
    const text = dialect === 'sqlite'
      ? await plan(t.ctx.db, dialect, range)
      : await t.ctx.db.transaction().execute(async (trx) => {
        // Six rows make a table scan cheapest; the test is whether the index can be used at all.
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        return plan(trx, dialect, range);
      });
    expect(text).toContain('cases_month_category');
    if (dialect === 'postgres') expect(text).toContain('Index Only Scan');
    else expect(text).not.toContain('TEMP B-TREE');
  });

  it('has a migration that removes and restores the index', async () => {
    const migration = reportingCountsMigration(dialect);
    expect(await indexNames(t)).toContain('cases_month_category');
    await migration.down?.(t.ctx.db);
    expect(await indexNames(t)).not.toContain('cases_month_category');
    await migration.up(t.ctx.db);
    expect(await indexNames(t)).toContain('cases_month_category');
  });
});
