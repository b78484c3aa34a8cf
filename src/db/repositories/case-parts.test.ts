import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { makeCase, revokeReporterAccess } from '../../../tests/support/factories.js';
import { listParties, partiesQuery } from './case-parts.js';
import { unindexedAccountsQuery } from './sign-in-links.js';
import { unsealedAccountNamesQuery } from './party-changes.js';

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

  // The worker asks this every 30 seconds; most parties have no account name and so no key, so
  // without the partial index of migration 0037 the question read most of the table each time.
  it.runIf(dialect === 'sqlite')('finds account names still waiting for their blind index through the partial index, not by a scan', async () => {
    const compiled = unindexedAccountsQuery('sqlite', 100).compile(t.ctx.db);
    const result = await t.ctx.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
    const plan = result.rows.map((r) => r.detail).join('\n');
    expect(plan).toMatch(/case_parties USING (COVERING )?INDEX case_parties_account_unindexed/);
    expect(plan).not.toMatch(/case_parties_account_key/);
    expect(plan).not.toMatch(/SCAN case_parties(?! USING)/);
  });

  // Asked every 30 seconds too; once the worker has sealed the names written before migration
  // 0038, the partial index is empty and the question reads nothing.
  it.runIf(dialect === 'sqlite')('finds account names still to seal through the partial index, not by a scan', async () => {
    const compiled = unsealedAccountNamesQuery('sqlite', 100).compile(t.ctx.db);
    const result = await t.ctx.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
    const plan = result.rows.map((r) => r.detail).join('\n');
    expect(plan).toMatch(/case_parties USING (COVERING )?INDEX case_parties_name_unsealed/);
    expect(plan).not.toMatch(/SCAN case_parties(?! USING)/);
  });
});
