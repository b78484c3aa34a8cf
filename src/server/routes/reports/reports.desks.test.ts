import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../../tests/support/test-app.js';
import { makeDesk, makeReportInput } from '../../../../tests/support/factories.js';
import { tableCounts } from '../../../../tests/support/intake.js';
import { findCase } from '../../../db/repositories/cases.js';
import type { ReportCreatedResponse } from '../../../shared/api/reports.js';
import type { ErrorResponse as ErrorBody } from '../../../shared/api/errors.js';

// Intake chooses the desk: with one desk the API's `desk` may be left out, as before desks;
// with several it is required, and a desk that does not exist is a 400 naming the field.
describe.each(testDialects())('POST /api/v1/reports and desks, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  const file = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/reports', payload });
  const deskOf = async (reference: string) => (await findCase(t.ctx.db, { reference }))?.desk.slug;

  async function expectRefusedOnDesk(payload: object): Promise<void> {
    const before = await tableCounts(t);
    const response = await file(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.fields?.map((f) => f.path)).toEqual(['desk']);
    expect(await tableCounts(t)).toEqual(before);
  }

  it('with one desk, files a report with or without naming it, and refuses any other', async () => {
    const plain = await file(makeReportInput());
    expect(plain.statusCode).toBe(201);
    expect(await deskOf(plain.json<ReportCreatedResponse>().reference)).toBe('main');
    const named = await file(makeReportInput({ desk: 'main' }));
    expect(await deskOf(named.json<ReportCreatedResponse>().reference)).toBe('main');
    await expectRefusedOnDesk(makeReportInput({ desk: 'elsewhere' }));
    await expectRefusedOnDesk({ ...makeReportInput(), desk: 'Not A Slug' });
  });

  it('with several desks, requires one, files on the one named, and refuses one that does not exist', async () => {
    await makeDesk(t, { slug: 'events', name: 'Events team' });
    await expectRefusedOnDesk(makeReportInput());
    await expectRefusedOnDesk(makeReportInput({ desk: 'elsewhere' }));
    const response = await file(makeReportInput({ desk: 'events' }));
    expect(response.statusCode).toBe(201);
    expect(await deskOf(response.json<ReportCreatedResponse>().reference)).toBe('events');
  });

  it('refuses only the report with a bad desk when several arrive together', async () => {
    const payloads = [makeReportInput({ desk: 'events' }), makeReportInput({ desk: 'gone' }), makeReportInput({ desk: 'main' }), makeReportInput()];
    const responses = await Promise.all(payloads.map(file));
    expect(responses.map((r) => r.statusCode)).toEqual([201, 400, 201, 400]);
    const references = responses.filter((r) => r.statusCode === 201).map((r) => r.json<ReportCreatedResponse>().reference);
    expect(await Promise.all(references.map(deskOf))).toEqual(['events', 'main']);
    // Numbered without a gap: the refused reports took no reference.
    expect(Number(references[1]?.slice(-6))).toBe(Number(references[0]?.slice(-6)) + 1);
  });
});
