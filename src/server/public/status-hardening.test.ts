import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { fileReport } from '../../../tests/support/intake.js';
import { ACCESS_CODE_GUESSES } from '../../services/reporter-session.js';
import { escaped, expectHtmlPageHeaders, form, FORM, t_ } from './public-pages.test-helpers.js';

const WRONG = 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG';

describe.each(testDialects())('status links and access-code guesses on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  async function cookieFromCode(code: string, remoteAddress = '192.0.2.1'): Promise<string> {
    const response = await t.app.inject({ method: 'POST', url: '/status', headers: FORM, payload: form({ code }), remoteAddress });
    const cookie = response.cookies.find((c) => c.name === 'haven_reporter');
    if (response.statusCode !== 303 || cookie === undefined) throw new Error(`code exchange failed: ${response.statusCode}`);
    return `haven_reporter=${cookie.value}`;
  }

  describe('a /status?code= link while the reporter follows another case (login CSRF)', () => {
    it('asks first, keeps the session it holds, and switches only on the confirming post', async () => {
      const mine = await fileReport(t);
      const other = await fileReport(t);
      const cookie = await cookieFromCode(mine.accessCode);

      const asked = await t.app.inject({ method: 'GET', url: `/status?code=${encodeURIComponent(other.accessCode)}`, headers: { cookie } });
      expect(asked.statusCode).toBe(200);
      expectHtmlPageHeaders(asked);
      expect(asked.cookies.find((c) => c.name === 'haven_reporter')).toBeUndefined();
      expect(asked.body).toContain(escaped(t_('status.switch.confirm')));
      expect(asked.body).toContain(mine.reference);
      expect(asked.body).not.toContain(other.reference);
      expect(asked.body.toLowerCase()).not.toContain('<script');

      // The session held is untouched: it still shows the reporter's own case.
      const still = await t.app.inject({ method: 'GET', url: '/status', headers: { cookie } });
      expect(still.body).toContain(mine.reference);

      // The confirming form posts the code from the hidden field.
      const hidden = /<input type="hidden" name="code" value="([^"]+)">/.exec(asked.body)?.[1];
      expect(hidden).toBe(other.accessCode);
      const switched = await t.app.inject({ method: 'POST', url: '/status', headers: { ...FORM, cookie }, payload: form({ code: hidden ?? '' }) });
      expect(switched.statusCode).toBe(303);
      const next = switched.cookies.find((c) => c.name === 'haven_reporter');
      const page = await t.app.inject({ method: 'GET', url: '/status', headers: { cookie: `haven_reporter=${next?.value ?? ''}` } });
      expect(page.body).toContain(other.reference);
    });

    it('refuses the confirming post when another site sends it', async () => {
      const mine = await fileReport(t);
      const other = await fileReport(t);
      const cookie = await cookieFromCode(mine.accessCode);
      const forged = await t.app.inject({
        method: 'POST', url: '/status', headers: { ...FORM, cookie, origin: 'https://elsewhere.example' }, payload: form({ code: other.accessCode }),
      });
      expect(forged.statusCode).toBe(403);
      expect(forged.cookies.find((c) => c.name === 'haven_reporter')).toBeUndefined();
    });

    it('still opens a link at once for a reporter with no session', async () => {
      const report = await fileReport(t);
      const response = await t.app.inject({ method: 'GET', url: `/status?code=${encodeURIComponent(report.accessCode)}` });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/status');
    });
  });

  describe('wrong access codes, per source', () => {
    async function refusals(source: string): Promise<{ attempt: number; throttled: boolean; source: string }[]> {
      const rows = await t.ctx.db.selectFrom('audit_log').select(['detail', 'actor_kind']).where('action', '=', 'reporter.access_code_refused').orderBy('seq').execute();
      return rows.map((r) => JSON.parse(r.detail) as { attempt: number; throttled: boolean; source: string }).filter((d) => d.source === source);
    }

    it('audits each refusal by a keyed hash of the source, throttles the source past the limit, and leaves other sources alone', async () => {
      const attacker = '198.51.100.7';
      for (let i = 0; i < ACCESS_CODE_GUESSES.limit; i += 1) {
        const response = await t.app.inject({ method: 'POST', url: '/status', headers: FORM, payload: form({ code: WRONG }), remoteAddress: attacker });
        expect(response.statusCode).toBe(401);
      }
      const report = await fileReport(t);
      // Past the limit even the right code is refused from that source, with a calm page and Retry-After.
      const refused = await t.app.inject({ method: 'POST', url: '/status', headers: FORM, payload: form({ code: report.accessCode }), remoteAddress: attacker });
      expect(refused.statusCode).toBe(429);
      expectHtmlPageHeaders(refused);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body).toContain(escaped(t_('status.code.throttled')));
      expect(refused.cookies.find((c) => c.name === 'haven_reporter')).toBeUndefined();
      const api = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: report.accessCode }, remoteAddress: attacker });
      expect(api.statusCode).toBe(429);
      expect(api.json<{ error: { code: string } }>().error.code).toBe('too_many_requests');

      // Another source is not slowed down by the attacker's guesses.
      expect(await cookieFromCode(report.accessCode, '203.0.113.9')).toMatch(/^haven_reporter=/);

      const audit = await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'reporter.access_code_refused').execute();
      const text = audit.map((r) => r.detail).join('\n');
      expect(text).not.toContain(attacker);
      const sources = new Set(audit.map((r) => (JSON.parse(r.detail) as { source: string }).source));
      expect(sources.size).toBe(1);
      const [source] = [...sources];
      const mine = await refusals(source ?? '');
      expect(mine.map((d) => d.attempt)).toEqual(Array.from({ length: ACCESS_CODE_GUESSES.limit }, (_, i) => i + 1));
      expect(mine.at(-1)?.throttled).toBe(true);
      expect(mine.slice(0, -1).every((d) => !d.throttled)).toBe(true);
    });

    it('does not count a malformed code (a typo matches nothing and is no guess)', async () => {
      const source = '198.51.100.99';
      for (let i = 0; i < ACCESS_CODE_GUESSES.limit + 2; i += 1) {
        const response = await t.app.inject({ method: 'POST', url: '/status', headers: FORM, payload: form({ code: 'not a code' }), remoteAddress: source });
        expect(response.statusCode).toBe(401);
      }
      const report = await fileReport(t);
      expect(await cookieFromCode(report.accessCode, source)).toMatch(/^haven_reporter=/);
    });
  });
});
