import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { makeReportInput } from '../../../tests/support/factories.js';
import { tableCounts } from '../../../tests/support/intake.js';
import { solvePow } from '../../../tests/support/proof-of-work.js';
import { countCases } from '../../db/repositories/cases.js';
import { encodePowSolution, type PowChallenge } from '../../services/security/proof-of-work.js';
import { escaped, expectHtmlPageHeaders, form, FORM, t_ } from './public-pages.test-helpers.js';

const REPORTER = '198.51.100.40';

function typed(token: string, description: string, extra: Record<string, string> = {}): string {
  return form({
    formToken: token, reporterRole: 'target', reportedAccounts: 'Reported-under-pressure', targetAccount: '', links: '',
    description, category: 'hounding', immediateDanger: 'no', contactEmail: '', language: 'en', ...extra,
  });
}

function challengeOf(page: string): PowChallenge | null {
  const match = /<input type="hidden" name="pow" value="" data-challenge="([^"]+)">/.exec(page);
  return match?.[1] === undefined ? null : JSON.parse(match[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as PowChallenge;
}

const tokenOf = (page: string): string => /name="formToken" value="([^"]+)"/.exec(page)?.[1] ?? '';

describe.each(testDialects())('the report form under pressure on %s', (dialect) => {
  let t: TestApp;
  const start = new Date('2026-03-02T10:00:30.000Z');
  let minute = 0;
  // Each test starts in windows of its own (ten minutes on), so no count carries over.
  const nextMinute = () => { minute += 10; t.setNow(new Date(start.getTime() + minute * 60_000)); };
  // Fills the minute's overall budget from many other sources through the API.
  const flood = async (n: number) => {
    for (let i = 0; i < n; i += 1) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: makeReportInput(), remoteAddress: `192.0.2.${i + 1}` });
      expect(r.statusCode).toBe(201);
    }
  };
  beforeAll(async () => { t = await createTestApp(dialect, { now: start, intakeLimits: { perSource: 3, perMinute: 4, powMaxNumber: 300 } }); });
  afterAll(async () => { await t.close(); });

  it('loads no script and no challenge while intake is calm, and both once it is under pressure', async () => {
    nextMinute();
    const calm = await t.app.inject({ method: 'GET', url: '/report' });
    expect(calm.body.toLowerCase()).not.toContain('<script');
    expect(challengeOf(calm.body)).toBeNull();
    await flood(2);
    const pressed = await t.app.inject({ method: 'GET', url: '/report' });
    expectHtmlPageHeaders(pressed);
    expect(pressed.body).toContain('<script src="/assets/pow.js" defer></script>');
    expect(challengeOf(pressed.body)?.algorithm).toBe('SHA-256');
    const script = await t.app.inject({ method: 'GET', url: '/assets/pow.js' });
    expect(script.statusCode).toBe(200);
    expect(String(script.headers['content-type'])).toMatch(/javascript/);
  });

  it('gives a reporter without script a calm page with the emergency advice and everything they typed, and takes it when sent again', async () => {
    nextMinute();
    await flood(4);
    const token = tokenOf((await t.app.inject({ method: 'GET', url: '/report' })).body);
    const words = 'They follow me from page to page & revert <everything> I write.';
    const before = await tableCounts(t);
    const busy = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: typed(token, words), remoteAddress: REPORTER });
    expect(busy.statusCode).toBe(503);
    expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
    expectHtmlPageHeaders(busy);
    expect(busy.body).toContain(escaped(t_('report.busy.heading')));
    expect(busy.body).toContain(escaped(t_('report.emergency')));
    expect(busy.body).toContain(`>${escaped(words)}</textarea>`);
    expect(busy.body).toContain('>Reported-under-pressure</textarea>');
    expect(tokenOf(busy.body)).toBe(token);
    expect(await tableCounts(t)).toEqual(before);
    // Later there is room again: the same form, sent again, files the report once.
    nextMinute();
    const cases = await countCases(t.ctx.db);
    const sent = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: typed(token, words), remoteAddress: REPORTER });
    expect(sent.statusCode).toBe(303);
    expect(await countCases(t.ctx.db)).toBe(cases + 1);
    const again = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: typed(token, words), remoteAddress: REPORTER });
    expect(again.statusCode).toBe(303);
    expect(await countCases(t.ctx.db)).toBe(cases + 1);
  });

  it('takes a report past the overall limit when it carries a solved challenge, but never the same solution twice', async () => {
    nextMinute();
    await flood(4);
    const page = (await t.app.inject({ method: 'GET', url: '/report' })).body;
    const challenge = challengeOf(page);
    if (challenge === null) throw new Error('no challenge under pressure');
    const pow = encodePowSolution(challenge, solvePow(challenge));
    const cases = await countCases(t.ctx.db);
    const filed = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: typed(tokenOf(page), 'Solved in the browser.', { pow }), remoteAddress: REPORTER });
    expect(filed.statusCode).toBe(303);
    const replayToken = tokenOf((await t.app.inject({ method: 'GET', url: '/report' })).body);
    const replay = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: typed(replayToken, 'Replayed proof.', { pow }), remoteAddress: '198.51.100.41' });
    expect(replay.statusCode).toBe(503);
    const forged = encodePowSolution({ ...challenge, signature: 'f'.repeat(64) }, solvePow(challenge));
    const forgedAnswer = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: typed(replayToken, 'Forged proof.', { pow: forged }), remoteAddress: '198.51.100.42' });
    expect(forgedAnswer.statusCode).toBe(503);
    expect(await countCases(t.ctx.db)).toBe(cases + 1);
  });

  it('tells a source that sent too many a calm 429, keeping its text, while another reporter files', async () => {
    nextMinute();
    for (let i = 0; i < 3; i += 1) {
      const token = tokenOf((await t.app.inject({ method: 'GET', url: '/report' })).body);
      expect((await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: typed(token, `Report ${i}`), remoteAddress: '203.0.113.5' })).statusCode).toBe(303);
    }
    const token = tokenOf((await t.app.inject({ method: 'GET', url: '/report' })).body);
    const limited = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: typed(token, 'A third one from here.'), remoteAddress: '203.0.113.5' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toContain(escaped(t_('report.busy.source', { seconds: String(limited.headers['retry-after']) })));
    expect(limited.body).toContain('>A third one from here.</textarea>');
    const other = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: typed(token, 'A third one from here.'), remoteAddress: REPORTER });
    expect(other.statusCode).toBe(303);
  });
});
