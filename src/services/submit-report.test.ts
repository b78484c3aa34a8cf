import { auditMac } from './audit-chain.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { makeReportInput } from '../../tests/support/factories.js';
import { openDatabase } from '../db/connection.js';
import { verifyAuditChain } from '../db/repositories/audit-log.js';
import { submitReport } from './submit-report.js';

describe.each(testDialects())('submitReport under concurrent intake on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  async function countWhere(table: 'cases' | 'case_parties' | 'evidence' | 'case_events' | 'reporter_access' | 'jobs', caseIds: string[]) {
    const row = await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('case_id' as never, 'in', caseIds as never).executeTakeFirstOrThrow();
    return row.n;
  }

  it('files 50 reports sent at once through the API: all land, each whole, with distinct references and a valid audit chain', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => makeReportInput({ contactEmail: i % 2 === 0 ? `r${i}@example.org` : undefined }));
    const responses = await Promise.all(inputs.map((payload) => t.app.inject({ method: 'POST', url: '/api/v1/reports', payload })));
    expect(responses.map((r) => r.statusCode)).toEqual(Array.from({ length: 50 }, () => 201));
    const references = responses.map((r) => r.json<{ reference: string }>().reference);
    expect(new Set(references).size).toBe(50);
    expect(new Set(responses.map((r) => r.json<{ accessCode: string }>().accessCode)).size).toBe(50);

    const cases = await t.ctx.db.selectFrom('cases').select(['id', 'reference', 'report_text']).where('reference', 'in', references).execute();
    expect(cases).toHaveLength(50);
    const byReference = new Map(cases.map((c) => [c.reference, c]));
    references.forEach((reference, i) => expect(byReference.get(reference)?.report_text).toBe(inputs[i]?.description));
    const ids = cases.map((c) => c.id);
    expect(await countWhere('case_parties', ids)).toBe(100);
    expect(await countWhere('evidence', ids)).toBe(50);
    expect(await countWhere('case_events', ids)).toBe(50);
    expect(await countWhere('reporter_access', ids)).toBe(50);
    const audit = await t.ctx.db.selectFrom('audit_log').select('case_id').where('action', '=', 'case.reported').execute();
    expect(new Set(audit.map((a) => a.case_id))).toEqual(new Set(ids));
    expect(await verifyAuditChain(t.ctx.db, 1000, auditMac(t.ctx.cipher))).toMatchObject({ ok: true, entries: 50, unchecked: 0 });
  });

  it('numbers concurrent reports without gaps or repeats', async () => {
    const receipts = await Promise.all(Array.from({ length: 30 }, () => submitReport(t.ctx, makeReportInput(), 'api')));
    const numbers = receipts.map((r) => Number(r.reference.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => (numbers[0] ?? 0) + i));
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('refuses a report the database rejects alone: the rest of its batch is filed, numbered without a gap', async () => {
    // A description the database refuses (NOT NULL) fails the batch's multi-row insert; the
    // batch is then written again one report at a time, and only this report's caller hears of it.
    const inputs = Array.from({ length: 7 }, (_, i) => makeReportInput(i === 3 ? { description: null as never } : {}));
    const settled = await Promise.allSettled(inputs.map((input) => submitReport(t.ctx, input, 'api')));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    const numbers = settled.flatMap((s) => (s.status === 'fulfilled' ? [Number(s.value.reference.slice(-6))] : []));
    expect(numbers).toEqual(Array.from({ length: 6 }, (_, i) => (numbers[0] ?? 0) + i));
    const stored = await t.ctx.db.selectFrom('cases').select('reference').where('report_text', 'in', inputs.flatMap((input) => (input.description === null ? [] : [input.description]))).execute();
    expect(stored).toHaveLength(6);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('keeps numbering and the audit chain whole when two processes file reports into one database at once', async () => {
    // A second handle on the same database stands for another Haven process: its own pool,
    // its own group committer, nothing shared in memory.
    const other = await secondHandle(t);
    try {
      const ctx2 = { ...t.ctx, db: other.db };
      const receipts = await Promise.all(Array.from({ length: 40 }, (_, i) => submitReport(i % 2 === 0 ? t.ctx : ctx2, makeReportInput(), 'api')));
      const numbers = receipts.map((r) => Number(r.reference.slice(-6))).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => (numbers[0] ?? 0) + i));
      expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('works the same with group commit turned off', async () => {
    const ctx = { ...t.ctx, groupCommit: false };
    const receipts = await Promise.all(Array.from({ length: 20 }, () => submitReport(ctx, makeReportInput(), 'api')));
    expect(new Set(receipts.map((r) => r.reference)).size).toBe(20);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });
});

/** Another connection (pool) to the test app's database, as a second process would have. */
async function secondHandle(t: TestApp): Promise<{ db: TestApp['ctx']['db']; close(): Promise<void> }> {
  if (t.dialect === 'sqlite') {
    const file = (await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(t.ctx.db)).rows[0]!.file;
    const handle = openDatabase({ url: `sqlite:${file}`, dataDir: '.' });
    return { db: handle.db, close: () => handle.close() };
  }
  const schema = (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(t.ctx.db)).rows[0]!.schema;
  const handle = openDatabase({ url: process.env.HAVEN_TEST_DATABASE_URL, dataDir: '.', pgSchema: schema, poolSize: 5 });
  return { db: handle.db, close: () => handle.close() };
}
