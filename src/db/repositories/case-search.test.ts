import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { makeCase, makeDesk } from '../../../tests/support/factories.js';
import { searchCaseQueue } from './case-search.js';
import { listDesks } from './desks.js';
import type { CaseStatus } from '../../domain/case-lifecycle.js';
import type { Category } from '../../domain/categories.js';

// The SQLite search picks one of three plans by how many cases match; each must give the same
// page. Lowered thresholds make a small database take every path. The cases are spread over two
// desks and each query runs on one desk and on both: the desk narrows the search inside FTS5
// too, which must change nothing but the speed.
const PLANS = {
  'look up and sort': { walkFrom: 1000, lookUpBelow: 1000 },
  'walk with a list': { walkFrom: 1000, lookUpBelow: 0 },
  'walk with index checks': { walkFrom: 1, lookUpBelow: 0 },
};

describe.each(testDialects())('searchCaseQueue plans on %s', (dialect) => {
  let t: TestApp;
  const scopes: Record<string, string[]> = {};
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const other = await makeDesk(t, { slug: 'other' });
    const main = (await listDesks(t.ctx.db)).find((d) => d.isDefault)?.id ?? '';
    Object.assign(scopes, { 'the default desk': [main], 'the other desk': [other.id], 'both desks': [main, other.id] });
    const words = ['otter', 'otter badger', 'badger', 'otter', 'lynx otter', 'badger lynx'];
    // Case numbers ending in 2 are closed and those ending in 7 restricted, so every page mixes them in.
    for (let i = 0; i < 36; i += 1) {
      const number = i + 1;
      await makeCase(t, {
        receivedAt: new Date(Date.UTC(2026, 2, 2, 10, i)),
        description: `Report about the ${words[i % words.length]!} pages.`,
        category: i % 4 === 0 ? 'hate' : 'hounding',
        reportedAccounts: [`Account-${i % 5}`],
        desk: i % 3 === 0 ? other.slug : 'main',
        ...(number % 10 === 2 ? { status: 'closed' as const } : {}),
        ...(number % 10 === 7 ? { restrictedToGroup: 'trust-and-safety' } : {}),
      });
    }
  });
  afterAll(async () => { await t.close(); });

  const queries: [string, { status?: CaseStatus; category?: Category }][] = [
    ['otter', {}], ['otter', { status: 'closed' }], ['badger lynx', {}], ['Account-3', {}], ['otter', { category: 'hate' }],
    ['lynx', { status: 'new' }], ['absent', {}],
  ];

  const cases = queries.flatMap(([text, extra]) => ['the default desk', 'the other desk', 'both desks'].map((scope) => [text, extra, scope] as const));

  it.each(cases)('gives the same pages for %s %j on %s whichever plan runs', async (text, extra, scope) => {
    const deskIds = scopes[scope] ?? [];
    const pages = [];
    for (const plan of Object.values(PLANS)) {
      const first = await searchCaseQueue(t.ctx.db, dialect, { text, ...extra, deskIds, soleDesk: false, limit: 4, viewerGroups: [] }, plan);
      const last = first.at(-1);
      const second = last === undefined ? [] : await searchCaseQueue(t.ctx.db, dialect, {
        text, ...extra, deskIds, soleDesk: false, limit: 100, viewerGroups: [], after: { urgentAt: last.urgentAt, id: last.id },
      }, plan);
      pages.push([...first, ...second].map((r) => r.reference));
    }
    expect(pages[1]).toEqual(pages[0]);
    expect(pages[2]).toEqual(pages[0]);
    const all = await searchCaseQueue(t.ctx.db, dialect, { text, ...extra, deskIds, soleDesk: false, limit: 100, viewerGroups: [] });
    expect(pages[0]).toEqual(all.map((r) => r.reference));
    // Without the desk in the FTS5 query (as on a Haven with one desk), the same cases: the queue's own desk filter holds.
    const unnarrowed = await searchCaseQueue(t.ctx.db, dialect, { text, ...extra, deskIds, soleDesk: true, limit: 100, viewerGroups: [] });
    expect(unnarrowed.map((r) => r.reference)).toEqual(pages[0]);
    for (const row of all) {
      expect(row.restrictedToGroup).toBeNull();
      expect(deskIds).toContain(row.deskId);
    }
  });

  it('finds cases on each desk, so the scopes above are not empty by accident', async () => {
    for (const deskIds of Object.values(scopes)) {
      const found = await searchCaseQueue(t.ctx.db, dialect, { text: 'otter', deskIds, soleDesk: false, limit: 100, viewerGroups: [] });
      expect(found.length).toBeGreaterThan(1);
    }
  });
});
