import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { makeCase, revokeReporterAccess } from '../../../tests/support/factories.js';
import { listParties, partiesQuery } from './case-parts.js';

describe.each(testDialects())('case parties on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  it('says which party holds a live access code, and stops saying so once it is revoked', async () => {
    const kase = await makeCase(t, { reportedAccounts: ['Someone-reported'] });
    const parties = await listParties(t.ctx.db, kase.id);
    expect(parties.map((p) => [p.role, p.canReceiveReplies])).toEqual([['reporter', true], ['reported', false]]);
    await revokeReporterAccess(t, kase.id);
    expect((await listParties(t.ctx.db, kase.id)).every((p) => !p.canReceiveReplies)).toBe(true);
  });

  // PostgreSQL rightly prefers a sequential scan of a table this small, so only SQLite's plan is telling here.
  it.runIf(dialect === 'sqlite')('finds access codes through an index, not by reading every code for every party', async () => {
    const compiled = partiesQuery(t.ctx.db, 'any-case').compile();
    const result = await t.ctx.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
    const plan = result.rows.map((r) => r.detail).join('\n');
    expect(plan).toMatch(/reporter_access USING INDEX reporter_access_party/);
    expect(plan).not.toMatch(/SCAN reporter_access/);
  });
});
