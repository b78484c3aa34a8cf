import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { fileReport } from '../../../tests/support/intake.js';
import { form, FORM } from './public-pages.test-helpers.js';

/** The ways a person copies or types a 28-character code on a phone. */
function variants(code: string): [string, string][] {
  const groups = code.split('-');
  const bare = groups.join('');
  return [
    ['as shown, in groups with dashes', code],
    ['without separators', bare],
    ['in small letters', bare.toLowerCase()],
    ['in groups with spaces', groups.join(' ')],
    ['with spaces and dashes', groups.join(' - ')],
    ['with no-break spaces', groups.join('\u00a0')],
    ['with en dashes, as a phone keyboard may', groups.join('\u2013')],
    ['in uneven groups', `${bare.slice(0, 6)} ${bare.slice(6, 13)} ${bare.slice(13)}`],
    ['with spaces around it', `  ${code}\n`],
  ];
}

describe.each(testDialects())('typing the access code on %s', (dialect) => {
  let t: TestApp;
  let report: Awaited<ReturnType<typeof fileReport>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    report = await fileReport(t);
  });
  afterAll(async () => { await t.close(); });

  it('is handed out in seven groups of four, by the API too', () => {
    expect(report.accessCode).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8])('opens the case on /status and through the API: variant %i', async (i) => {
    const [label, typed] = variants(report.accessCode)[i] ?? ['', ''];
    const page = await t.app.inject({ method: 'POST', url: '/status', headers: FORM, payload: form({ code: typed }) });
    expect(page.statusCode, label).toBe(303);
    expect(page.cookies.some((c) => c.name === 'haven_reporter'), label).toBe(true);
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: typed } });
    expect(api.statusCode, label).toBe(200);
    expect(api.json<{ reference: string }>().reference).toBe(report.reference);
  });

  it('still refuses a code with one character wrong, however it is grouped', async () => {
    const bare = report.accessCode.replace(/-/g, '');
    const wrong = `${bare.slice(0, -1)}${bare.endsWith('0') ? '2' : '0'}`;
    for (const typed of [wrong, wrong.match(/.{1,4}/g)?.join(' ') ?? wrong]) {
      const page = await t.app.inject({ method: 'POST', url: '/status', headers: FORM, payload: form({ code: typed }) });
      expect(page.statusCode).toBe(401);
    }
  });
});
