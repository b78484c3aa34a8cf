import { auditMac } from '../../../services/audit-chain.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../../tests/support/test-app.js';
import { makeReportInput } from '../../../../tests/support/factories.js';
import { countCases } from '../../../db/repositories/cases.js';
import { listJobs } from '../../../db/repositories/jobs.js';
import { verifyAuditChain } from '../../../db/repositories/audit-log.js';
import { RECEIPT_EMAIL_JOB } from '../../../services/job-kinds.js';
import type { ReportCreatedResponse } from '../../../shared/api/reports.js';
import type { ErrorResponse as ErrorBody } from '../../../shared/api/errors.js';

async function tableCounts(t: TestApp) {
  const tables = ['cases', 'case_parties', 'evidence', 'case_events', 'reporter_access', 'jobs', 'audit_log', 'counters'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = row.n;
  }
  return counts;
}

describe.each(testDialects())('POST /api/v1/reports on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  it('files a report and answers with a reference and an access code', async () => {
    const before = await countCases(t.ctx.db);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: makeReportInput({ contactEmail: 'someone@example.org' }) });
    expect(response.statusCode).toBe(201);
    const body = response.json<ReportCreatedResponse>();
    expect(body.reference).toMatch(/^HV-2026-\d{6}$/);
    expect(body.accessCode?.replace(/-/g, '')).toHaveLength(28);
    expect(await countCases(t.ctx.db)).toBe(before + 1);
    const jobs = await listJobs(t.ctx.db, RECEIPT_EMAIL_JOB);
    expect(jobs.some((j) => (j.payload as { reference: string }).reference === body.reference)).toBe(true);
    expect(await verifyAuditChain(t.ctx.db, 1000, auditMac(t.ctx.cipher))).toMatchObject({ ok: true, entries: expect.any(Number) as number, unchecked: 0 });
  });

  it('files a report without links: harassment by email or in person has none to give', async () => {
    const withoutLinks: Record<string, unknown> = { ...makeReportInput() };
    delete withoutLinks.links;
    for (const payload of [withoutLinks, { ...withoutLinks, links: [] }]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload });
      expect(response.statusCode).toBe(201);
      const reference = response.json<ReportCreatedResponse>().reference;
      const evidence = await t.ctx.db.selectFrom('evidence').innerJoin('cases', 'cases.id', 'evidence.case_id').select('evidence.id').where('cases.reference', '=', reference).execute();
      expect(evidence).toEqual([]);
    }
  });

  it('numbers cases one after another within a year', async () => {
    const first = (await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: makeReportInput() })).json<ReportCreatedResponse>();
    const second = (await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: makeReportInput() })).json<ReportCreatedResponse>();
    expect(Number(second.reference.slice(-6))).toBe(Number(first.reference.slice(-6)) + 1);
  });

  it('stores the contact address encrypted, never in clear', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: makeReportInput({ contactEmail: 'private-address@example.org' }) });
    const rows = await t.ctx.db.selectFrom('case_parties').select('contact_email_enc').where('contact_email_enc', 'is not', null).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.contact_email_enc).not.toContain('@');
  });

  const bad: [string, unknown, string | undefined][] = [
    ['a missing field', { ...makeReportInput(), category: undefined }, 'category'],
    ['a wrong type', { ...makeReportInput(), immediateDanger: 'yes' }, 'immediateDanger'],
    ['an unknown field', { ...makeReportInput(), isAdmin: true }, undefined],
    ['an unknown category', makeReportInput({ category: 'spam' as never }), 'category'],
    ['an over-long description', makeReportInput({ description: 'x'.repeat(20_001) }), 'description'],
    ['no reported account', makeReportInput({ reportedAccounts: [] }), 'reportedAccounts'],
    ['a javascript: link', makeReportInput({ links: ['javascript:alert(1)'] }), 'links.0'],
    ['a NUL character', makeReportInput({ description: 'before\u0000after' }), 'description'],
    ['a lone surrogate', makeReportInput({ description: 'broken \ud800 text' }), 'description'],
    ['a bad email', makeReportInput({ contactEmail: 'not-an-address' }), 'contactEmail'],
    ['too many links', makeReportInput({ links: Array.from({ length: 51 }, (_, i) => `https://example.org/${i}`) }), 'links'],
  ];

  it.each(bad)('refuses %s with a 400 naming the field, and stores nothing', async (_label, payload, field) => {
    const before = await tableCounts(t);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: payload as object });
    expect(response.statusCode).toBe(400);
    const body = response.json<ErrorBody>();
    expect(body.error.code).toBe('validation_failed');
    if (field !== undefined) expect(body.error.fields?.map((f) => f.path)).toContain(field);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('refuses 10,000 links before storing anything', async () => {
    const before = await tableCounts(t);
    const links = Array.from({ length: 10_000 }, (_, i) => `https://wiki.example.org/w/index.php?diff=${i}`);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: makeReportInput({ links }) });
    expect([400, 413]).toContain(response.statusCode);
    expect(response.json<ErrorBody>().error.code).toMatch(/validation_failed|payload_too_large/);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('answers 413 for a body over the limit', async () => {
    const before = await tableCounts(t);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: makeReportInput({ description: 'x'.repeat(300_000) }) });
    expect(response.statusCode).toBe(413);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('answers 400 for bytes that are not UTF-8, and for broken JSON', async () => {
    const before = await tableCounts(t);
    const json = Buffer.from(JSON.stringify(makeReportInput({ description: 'AAAA' })));
    const at = json.indexOf('AAAA');
    json[at] = 0xff;
    json[at + 1] = 0xfe;
    const invalid = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: { 'content-type': 'application/json' }, payload: json });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json<ErrorBody>().error.message).toMatch(/UTF-8/);
    const broken = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: { 'content-type': 'application/json' }, payload: '{"reporterRole":' });
    expect(broken.statusCode).toBe(400);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('answers 415 for a content type it does not take', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: { 'content-type': 'text/xml' }, payload: '<report/>' });
    expect(response.statusCode).toBe(415);
  });

  it('refuses a state-changing request from another site', async () => {
    const before = await tableCounts(t);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: { origin: 'https://evil.example' }, payload: makeReportInput() });
    expect(response.statusCode).toBe(403);
    expect(await tableCounts(t)).toEqual(before);
  });
});
