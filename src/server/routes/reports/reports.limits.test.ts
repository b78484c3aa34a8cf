import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../../tests/support/test-app.js';
import { makeReportInput } from '../../../../tests/support/factories.js';
import { rawDatabaseText } from '../../../../tests/support/raw-database-text.js';
import { countCases } from '../../../db/repositories/cases.js';
import { runHousekeeping } from '../../../services/run-housekeeping.js';
import { generateAccessCode } from '../../../services/security/access-code.js';
import { acceptProof } from '../../../services/admit-report.js';
import { encodePowSolution, issuePowChallenge } from '../../../services/security/proof-of-work.js';
import { solvePow } from '../../../../tests/support/proof-of-work.js';
import type { ErrorResponse } from '../../../shared/api/errors.js';

const FLOODER = '203.0.113.77';
const OTHER = '198.51.100.23';

function post(t: TestApp, from: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: makeReportInput(), remoteAddress: from });
}

describe.each(testDialects())('intake limits on the API on %s', (dialect) => {
  let t: TestApp;
  const start = new Date('2026-03-02T10:00:00.000Z');
  beforeAll(async () => { t = await createTestApp(dialect, { now: start, intakeLimits: { perSource: 3, perMinute: 6, powMaxNumber: 100 } }); });
  afterAll(async () => { await t.close(); });

  it('limits a flooding source with 429 and Retry-After, files nothing for it, and does not slow another source', async () => {
    t.setNow(start);
    const before = await countCases(t.ctx.db);
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push((await post(t, FLOODER)).statusCode);
    expect(answers).toEqual([201, 201, 201, 429, 429]);
    const refused = await post(t, FLOODER);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json<ErrorResponse>().error.code).toBe('too_many_requests');
    expect((await post(t, OTHER)).statusCode).toBe(201);
    expect(await countCases(t.ctx.db)).toBe(before + 4);
  });

  it('refuses everyone past the overall limit of the minute, and takes reports again in the next minute', async () => {
    t.setNow(new Date(start.getTime() + 20 * 60_000));
    const sources = Array.from({ length: 7 }, (_, i) => `192.0.2.${i + 10}`);
    const answers = [];
    for (const source of sources) answers.push((await post(t, source)).statusCode);
    expect(answers).toEqual([201, 201, 201, 201, 201, 201, 429]);
    t.setNow(new Date(start.getTime() + 21 * 60_000));
    expect((await post(t, sources[6] ?? '')).statusCode).toBe(201);
  });

  it('keeps only keyed hashes of source addresses, and forgets them once their window is over', async () => {
    const text = await rawDatabaseText(t);
    for (const address of [FLOODER, OTHER, '192.0.2.10']) expect(text).not.toContain(address);
    if (dialect === 'postgres') {
      const keys = await t.ctx.db.selectFrom('rate_limit_counts').select(['rule', 'key']).execute();
      expect(keys.filter((k) => k.rule === 'intake-source').length).toBeGreaterThan(0);
      for (const { key } of keys) expect(key === 'all' || /^[0-9a-f]{32}$/.test(key)).toBe(true);
      t.setNow(new Date(start.getTime() + 60 * 60_000));
      const done = await runHousekeeping(t.ctx, {});
      expect(done.rateLimitCounts).toBeGreaterThan(0);
      expect(await t.ctx.db.selectFrom('rate_limit_counts').select('key').execute()).toEqual([]);
    } else {
      // SQLite's limits live in memory: intake adds no write to its single writer.
      expect(await t.ctx.db.selectFrom('rate_limit_counts').select('key').execute()).toEqual([]);
    }
  });
});

describe.runIf(testDialects().includes('postgres'))('intake limits across two instances on PostgreSQL', () => {
  let first: TestApp;
  let second: TestApp;
  const limits = { perSource: 4, perMinute: 1000, powMaxNumber: 100 };
  beforeAll(async () => {
    first = await createTestApp('postgres', { intakeLimits: limits });
    second = await createTestApp('postgres', { intakeLimits: limits, sameDatabaseAs: first });
  });
  afterAll(async () => { await second.close(); await first.close(); });

  it('counts one source once, whichever instance it reaches, including when they are hit at the same time', async () => {
    const sequential = [];
    for (const app of [first, second, first]) sequential.push((await post(app, FLOODER)).statusCode);
    expect(sequential).toEqual([201, 201, 201]);
    const together = await Promise.all([first, second, first, second].map((app) => post(app, FLOODER)));
    expect(together.map((r) => r.statusCode).sort()).toEqual([201, 429, 429, 429]);
    expect(await countCases(first.ctx.db)).toBe(4);
    expect(await countCases(second.ctx.db)).toBe(4);
  });

  it('accepts a solved challenge once, whichever instance sees it first', async () => {
    const challenge = issuePowChallenge(first.ctx.cipher, first.ctx.now(), 200, 10 * 60_000);
    const payload = encodePowSolution(challenge, solvePow(challenge));
    expect(await acceptProof(second.ctx, payload, second.ctx.now())).toBe(true);
    expect(await acceptProof(first.ctx, payload, first.ctx.now())).toBe(false);
    expect(await acceptProof(second.ctx, payload, second.ctx.now())).toBe(false);
  });

  it('shares the access-code throttle: guesses on one instance count on the other', async () => {
    const wrong = generateAccessCode();
    const guess = (app: TestApp) => app.app.inject({
      method: 'POST', url: '/status', remoteAddress: OTHER,
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `code=${wrong}`,
    });
    const first10 = [];
    for (let i = 0; i < 10; i += 1) first10.push((await guess(i % 2 === 0 ? first : second)).statusCode);
    expect(first10.every((s) => s !== 429)).toBe(true);
    expect((await guess(second)).statusCode).toBe(429);
    expect((await guess(first)).statusCode).toBe(429);
  });
});
