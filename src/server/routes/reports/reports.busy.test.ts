import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { makeReportInput } from '../../../../tests/support/factories.js';
import { holdWriteLockElsewhere } from '../../../../tests/support/sqlite-lock-holder.js';
import { countCases } from '../../../db/repositories/cases.js';
import type { ErrorResponse } from '../../../shared/api/errors.js';

// SQLite only: one file, one writer at a time, shared with other processes (a CLI command,
// a second server). PostgreSQL has row locks and no such wait.
describe('intake while another process holds the SQLite write lock', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp('sqlite'); });
  afterAll(async () => { await t.close(); });

  it('waits for a lock released within the busy timeout, and the report goes in', async () => {
    const before = await countCases(t.ctx.db);
    const holder = await holdWriteLockElsewhere(t.databaseLocation, 400);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: makeReportInput() });
    expect(await holder.done).toBe(0);
    expect(response.statusCode).toBe(201);
    expect(await countCases(t.ctx.db)).toBe(before + 1);
  });

  it('answers 503 busy with Retry-After when the lock outlasts the wait, and writes nothing', async () => {
    const before = await countCases(t.ctx.db);
    const holder = await holdWriteLockElsewhere(t.databaseLocation, 7_000);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: makeReportInput() });
    holder.process.kill('SIGKILL');
    await holder.done;
    expect(response.statusCode).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.json<ErrorResponse>().error.code).toBe('busy');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(await countCases(t.ctx.db)).toBe(before);
  });
});
