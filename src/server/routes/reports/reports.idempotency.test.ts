import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../../tests/support/test-app.js';
import { makeReportInput } from '../../../../tests/support/factories.js';
import { tableCounts } from '../../../../tests/support/intake.js';
import { holdDatabase, waitFor } from '../../../../tests/support/hold-database.js';
import { openDatabase } from '../../../db/connection.js';
import { countCases } from '../../../db/repositories/cases.js';
import { listJobs } from '../../../db/repositories/jobs.js';
import { RECEIPT_EMAIL_JOB } from '../../../services/job-kinds.js';
import { fileReportOnce, keysInFlight } from '../../../services/file-report-once.js';
import { IntakeKeyTaken, submitReport } from '../../../services/submit-report.js';
import type { ReportCreatedResponse } from '../../../shared/api/reports.js';
import type { ErrorResponse } from '../../../shared/api/errors.js';
import type { ReportInput } from '../../../shared/report-input.js';

const start = new Date('2026-03-02T10:00:00.000Z');
const MINUTE = 60_000;

describe.each(testDialects())('POST /api/v1/reports with an Idempotency-Key on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect, { now: start }); });
  afterAll(async () => { await t.close(); });
  afterEach(() => { t.setNow(start); });

  const quoted = (key: string) => `"${key}"`;
  function post(payload: object, key?: string) {
    return t.app.inject({ method: 'POST', url: '/api/v1/reports', payload, headers: key === undefined ? {} : { 'idempotency-key': key } });
  }

  it('answers a repeat of the same report with the same reference and code, and files it once', async () => {
    const key = quoted(randomUUID());
    const input = makeReportInput({ contactEmail: 'once@example.org' });
    const before = await countCases(t.ctx.db);
    const first = await post(input, key);
    expect(first.statusCode).toBe(201);
    const body = first.json<ReportCreatedResponse>();
    expect(body.accessCode).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);

    const again = await post(input, key);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(body);
    // The same report with its fields in another order and other white space is the same body.
    const reordered = Object.fromEntries(Object.entries(input).reverse());
    const third = await t.app.inject({
      method: 'POST', url: '/api/v1/reports', headers: { 'idempotency-key': key, 'content-type': 'application/json' },
      payload: JSON.stringify(reordered, null, 2),
    });
    expect(third.json()).toEqual(body);

    expect(await countCases(t.ctx.db)).toBe(before + 1);
    const receipts = (await listJobs(t.ctx.db, RECEIPT_EMAIL_JOB)).filter((j) => (j.payload as { reference: string }).reference === body.reference);
    expect(receipts).toHaveLength(1);
  });

  it('refuses the same key with another report (422), storing nothing, and still answers the first', async () => {
    const key = quoted(randomUUID());
    const input = makeReportInput();
    const first = (await post(input, key)).json<ReportCreatedResponse>();
    const before = await tableCounts(t);
    const other = await post({ ...input, description: `${input.description} And one more thing.` }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json<ErrorResponse>().error.code).toBe('idempotency_key_reused');
    expect(await tableCounts(t)).toEqual(before);
    expect((await post(input, key)).json<ReportCreatedResponse>().reference).toBe(first.reference);
  });

  it('files the same report twice under two keys: a key names a request, not a report', async () => {
    const input = makeReportInput();
    const a = (await post(input, quoted(randomUUID()))).json<ReportCreatedResponse>();
    const b = (await post(input, quoted(randomUUID()))).json<ReportCreatedResponse>();
    expect(a.reference).not.toBe(b.reference);
  });

  it('answers 409 while the first request with the key is still being filed, then the first answer', async () => {
    const key = quoted(randomUUID());
    const input = makeReportInput();
    const before = await countCases(t.ctx.db);
    const hold = await holdDatabase(t);
    let first: ReturnType<typeof post> | undefined;
    try {
      first = post(input, key);
      await waitFor(() => keysInFlight(t.ctx) === 1);
      const duplicate = await post(input, key);
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json<ErrorResponse>().error.code).toBe('idempotency_key_in_flight');
      // Nothing is known yet about the first request's body, so any body gets the same answer.
      expect((await post(makeReportInput(), key)).statusCode).toBe(409);
    } finally {
      await hold.release();
    }
    const filed = await first;
    expect(filed?.statusCode).toBe(201);
    const retried = await post(input, key);
    expect(retried.statusCode).toBe(201);
    expect(retried.json<ReportCreatedResponse>().reference).toBe(filed?.json<ReportCreatedResponse>().reference);
    expect(await countCases(t.ctx.db)).toBe(before + 1);
  });

  it('files one case for a burst of the same request, however the answers fall', async () => {
    const key = quoted(randomUUID());
    const input = makeReportInput();
    const before = await countCases(t.ctx.db);
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(input, key)));
    const created = answers.filter((a) => a.statusCode === 201).map((a) => a.json<ReportCreatedResponse>());
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((c) => c.reference)).size).toBe(1);
    expect(await countCases(t.ctx.db)).toBe(before + 1);
  });

  it('keeps the code for retries 15 minutes, then answers the reference with a note', async () => {
    const key = quoted(randomUUID());
    const input = makeReportInput();
    const first = (await post(input, key)).json<ReportCreatedResponse>();
    t.setNow(new Date(start.getTime() + 15 * MINUTE - 1));
    expect((await post(input, key)).json<ReportCreatedResponse>()).toEqual(first);
    t.setNow(new Date(start.getTime() + 15 * MINUTE));
    const late = await post(input, key);
    expect(late.statusCode).toBe(201);
    const body = late.json<ReportCreatedResponse>();
    expect(body.reference).toBe(first.reference);
    expect(body.accessCode).toBeUndefined();
    expect(body.note).toMatch(/already|shown/i);
  });

  it('forgets a key after 24 hours: the same request then files a new report', async () => {
    const key = quoted(randomUUID());
    const input = makeReportInput();
    const first = (await post(input, key)).json<ReportCreatedResponse>();
    t.setNow(new Date(start.getTime() + 24 * 60 * MINUTE - 1));
    expect((await post(input, key)).json<ReportCreatedResponse>().reference).toBe(first.reference);
    t.setNow(new Date(start.getTime() + 24 * 60 * MINUTE));
    const later = await post(input, key);
    expect(later.statusCode).toBe(201);
    const body = later.json<ReportCreatedResponse>();
    expect(body.reference).not.toBe(first.reference);
    expect(body.accessCode).not.toBe(first.accessCode);
    // The expired row was taken over, not left beside the new one.
    expect((await post({ ...input, description: 'Another report.' }, key)).statusCode).toBe(422);
  });

  it('stores neither the key, nor the code, nor the report in clear', async () => {
    const key = randomUUID();
    const input = makeReportInput({ description: 'A description that must not be readable in the key table.' });
    const body = (await post(input, quoted(key))).json<ReportCreatedResponse>();
    const rows = await t.ctx.db.selectFrom('intake_receipts').select(['id', 'fingerprint', 'code_enc']).execute();
    const text = JSON.stringify(rows);
    for (const secret of [key, key.replace(/-/g, ''), body.accessCode ?? '-', (body.accessCode ?? '-').replace(/-/g, ''), input.description]) {
      expect(text).not.toContain(secret);
    }
  });

  it.each([
    ['an unquoted key', randomUUID()],
    ['a key too short to be unguessable', '"abc123"'],
    ['a key with a character outside the format', `"${randomUUID()} x"`],
    ['two keys', `"${randomUUID()}", "${randomUUID()}"`],
    ['an empty string', '""'],
  ])('refuses %s with a 400 naming the header, storing nothing', async (_label, key) => {
    const before = await tableCounts(t);
    const response = await post(makeReportInput(), key);
    expect(response.statusCode).toBe(400);
    const error = response.json<ErrorResponse>().error;
    expect(error.code).toBe('validation_failed');
    expect(error.fields?.map((f) => f.path).join(' ')).toContain('idempotency-key');
    expect(await tableCounts(t)).toEqual(before);
  });

  it('writes nothing, not even a case number, for a report whose key another process claimed first', async () => {
    const input = makeReportInput();
    const key = { id: `claimed-${randomUUID()}`, fingerprint: 'f' };
    const first = await submitReport(t.ctx, input, 'api', key);
    const before = await tableCounts(t);
    await expect(submitReport(t.ctx, input, 'api', key)).rejects.toBeInstanceOf(IntakeKeyTaken);
    expect(await tableCounts(t)).toEqual(before);
    const next = await submitReport(t.ctx, makeReportInput(), 'api');
    expect(Number(next.reference.slice(-6))).toBe(Number(first.reference.slice(-6)) + 1);
  });

  it.runIf(dialect === 'postgres')('files one case when two processes get the same request at once', async () => {
    const other = await secondHandle(t);
    try {
      const ctx2 = { ...t.ctx, db: other.db };
      const input: ReportInput = makeReportInput();
      const before = await countCases(t.ctx.db);
      const request = { scope: 'api' as const, key: randomUUID(), input, source: 'api' as const };
      const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => fileReportOnce(i % 2 === 0 ? t.ctx : ctx2, request, { waitForFirst: false })));
      expect(outcomes.filter((o) => o.kind === 'filed')).toHaveLength(1);
      expect(outcomes.every((o) => o.kind === 'filed' || o.kind === 'in_flight' || o.kind === 'repeat')).toBe(true);
      expect(await countCases(t.ctx.db)).toBe(before + 1);
    } finally {
      await other.close();
    }
  });
});

/** Another pool on the test app's PostgreSQL schema, as a second Haven process would have. */
async function secondHandle(t: TestApp): Promise<{ db: TestApp['ctx']['db']; close(): Promise<void> }> {
  const schema = (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(t.ctx.db)).rows[0]?.schema ?? '';
  const handle = openDatabase({ url: process.env.HAVEN_TEST_DATABASE_URL, dataDir: '.', pgSchema: schema, poolSize: 3 });
  return { db: handle.db, close: () => handle.close() };
}
