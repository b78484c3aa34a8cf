import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { tableCounts } from '../../../tests/support/intake.js';
import { CATEGORIES, REPORTER_ROLES } from '../../domain/categories.js';
import { REPORT_LANGUAGES } from '../../shared/report-input.js';
import { findCase } from '../../db/repositories/cases.js';
import { listEvidence } from '../../db/repositories/case-parts.js';
import { escaped, expectHtmlPageHeaders, form, FORM, freshFormToken, receiptCookie, t_ } from './public-pages.test-helpers.js';

function validForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    reporterRole: 'target',
    reportedAccounts: 'Reported-by-form',
    targetAccount: '',
    links: 'https://wiki.example.org/w/index.php?diff=5150',
    description: 'Someone keeps undoing my edits and leaving insults in the summaries.',
    category: 'hounding',
    immediateDanger: 'no',
    contactEmail: '',
    language: 'en',
    ...overrides,
  };
}

describe.each(testDialects())('public pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  describe('GET /report', () => {
    it('has every field the issue asks for, labelled, and no script', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/report' });
      expect(response.statusCode).toBe(200);
      expectHtmlPageHeaders(response);
      const page = response.body;
      expect(page.toLowerCase()).not.toContain('<script');
      expect(page).toMatch(/<form method="post" action="\/report"/);
      for (const role of REPORTER_ROLES) expect(page).toMatch(new RegExp(`<input type="radio" name="reporterRole" id="[^"]+" value="${role}"`));
      expect(page).toMatch(/<textarea id="reportedAccounts" name="reportedAccounts"/);
      expect(page).toMatch(/<textarea id="links" name="links"/);
      expect(page).toMatch(/<textarea id="description" name="description"[^>]* maxlength="20000"/);
      for (const category of CATEGORIES) expect(page).toContain(`<option value="${category}"`);
      expect(page).toMatch(/<input type="radio" name="immediateDanger" id="[^"]+" value="yes"/);
      expect(page).toMatch(/<input type="radio" name="immediateDanger" id="[^"]+" value="no"/);
      expect(page).toMatch(/<input id="contactEmail" name="contactEmail"[^>]* type="email"/);
      expect(page).toContain(escaped(t_('report.email.hint')));
      for (const tag of Object.keys(REPORT_LANGUAGES)) expect(page).toContain(`<option value="${tag}"`);
      // Every text control and select has a visible label pointing at it.
      for (const id of ['reportedAccounts', 'targetAccount', 'links', 'description', 'category', 'contactEmail', 'language']) {
        expect(page).toContain(`<label for="${id}">`);
      }
      expect(page).toContain(escaped(t_('report.danger.legend')));
    });
  });

  describe('POST /report', () => {
    it('returns the form with every typed value kept, escaped, an error beside each bad field, and stores nothing', async () => {
      const hostile = '<script>alert(1)</script>';
      const typed = {
        reporterRole: 'third_party',
        reportedAccounts: `First-account\nSecond "quoted" account ${hostile}`,
        targetAccount: `Target" autofocus onfocus="alert(1)`,
        links: `https://wiki.example.org/w/index.php?diff=1\njavascript:alert(1)`,
        description: `Line one of what happened.\nLine two, with ${hostile} & an ampersand.\n\nA last paragraph.`,
        category: '',
        immediateDanger: '',
        contactEmail: 'not-an-address',
        language: 'de',
      };
      const before = await tableCounts(t);
      const response = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: form(typed) });
      expect(response.statusCode).toBe(400);
      expectHtmlPageHeaders(response);
      const page = response.body;
      expect(page).not.toContain(hostile);
      expect(page.toLowerCase()).not.toContain('<script');
      expect(page).not.toContain('onfocus="alert');

      for (const name of ['reportedAccounts', 'links', 'description'] as const) {
        expect(page).toMatch(new RegExp(`<textarea id="${name}" name="${name}"[^>]*>${escapeRegExp(escaped(typed[name]))}</textarea>`));
      }
      expect(page).toMatch(new RegExp(`<input id="targetAccount" name="targetAccount"[^>]* value="${escapeRegExp(escaped(typed.targetAccount))}"`));
      expect(page).toMatch(new RegExp(`<input id="contactEmail" name="contactEmail"[^>]* value="${escapeRegExp(escaped(typed.contactEmail))}"`));
      expect(page).toMatch(/value="third_party" checked>/);
      expect(page).toMatch(/<option value="de" lang="de" selected>/);

      const bad = ['links', 'category', 'immediateDanger', 'contactEmail'] as const;
      for (const field of bad) {
        expect(page).toContain(`<p class="error" id="${field}-error">${escaped(t_(`report.error.${field}`))}</p>`);
        expect(page).toContain(`<a href="#${field}">`);
      }
      for (const good of ['reporterRole', 'reportedAccounts', 'targetAccount', 'description', 'language']) {
        expect(page).not.toContain(`id="${good}-error"`);
      }
      expect(await tableCounts(t)).toEqual(before);
    });

    it('keeps a hostile value in a field that was fine while another field is wrong', async () => {
      const hostile = '</textarea><script>alert(2)</script>';
      const before = await tableCounts(t);
      const response = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: form(validForm({ description: hostile, category: 'spam' })) });
      expect(response.statusCode).toBe(400);
      expect(response.body).not.toContain(hostile);
      expect(response.body).toContain(`>${escaped(hostile)}</textarea>`);
      expect(response.body).toContain('id="category-error"');
      expect(await tableCounts(t)).toEqual(before);
    });

    it('files a valid report, then leads with a 303 to the receipt: the reference, the access code and when to expect a reply', async () => {
      const fields = validForm({ contactEmail: 'form-reporter@example.org', reportedAccounts: 'One-account\r\n\r\nTwo-account\r\n' });
      const formToken = await freshFormToken(t.app);
      const posted = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: form({ ...fields, formToken }) });
      expect(posted.statusCode).toBe(303);
      expect(posted.headers.location).toBe('/report/receipt');
      const response = await t.app.inject({ method: 'GET', url: '/report/receipt', headers: { cookie: receiptCookie(posted) } });
      expect(response.statusCode).toBe(200);
      expectHtmlPageHeaders(response);
      const reference = /<strong class="reference">(HV-\d{4}-\d{6})<\/strong>/.exec(response.body)?.[1];
      const accessCode = /<code class="access-code"[^>]*>(.+?)<\/code>/.exec(response.body)?.[1]?.replace(/<[^>]+>/g, '');
      if (reference === undefined || accessCode === undefined) throw new Error('receipt lacks the reference or the code');
      expect(reference.slice(3, 7)).toBe(String(t.ctx.now().getUTCFullYear()));
      // A hounding report is answered within 72 hours.
      const due = new Date(t.ctx.now().getTime() + 72 * 3_600_000);
      expect(response.body).toContain(new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' }).format(due));
      expect(response.body).toContain(escaped(t_('receipt.next.email')));

      const kase = await findCase(t.ctx.db, { reference });
      expect(kase?.reportText).toBe(fields.description);
      expect(kase?.source).toBe('web');
      const accounts = await t.ctx.db.selectFrom('case_parties').select('username').where('case_id', '=', kase?.id ?? '').where('role', '=', 'reported').orderBy('created_at').orderBy('id').execute();
      expect(accounts.map((a) => a.username)).toEqual(['One-account', 'Two-account']);
      expect((await listEvidence(t.ctx.db, kase?.id ?? '')).map((e) => e.url)).toEqual([fields.links]);
      // The code on the receipt is the one that opens the case, and it is not stored in clear.
      const session = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode } });
      expect(session.statusCode).toBe(200);
      expect(session.json<{ reference: string }>().reference).toBe(reference);
      const stored = await t.ctx.db.selectFrom('reporter_access').select('code_hash').where('case_id', '=', kase?.id ?? '').execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]?.code_hash).not.toContain(accessCode.replace(/-/g, ''));
    });

    it('files a report without links: harassment by email or in person has none to give', async () => {
      const formToken = await freshFormToken(t.app);
      const posted = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: form({ ...validForm({ links: '' }), formToken }) });
      expect(posted.statusCode).toBe(303);
      const receipt = await t.app.inject({ method: 'GET', url: '/report/receipt', headers: { cookie: receiptCookie(posted) } });
      const reference = /<strong class="reference">(HV-\d{4}-\d{6})<\/strong>/.exec(receipt.body)?.[1] ?? '';
      const kase = await findCase(t.ctx.db, { reference });
      expect(kase).not.toBeNull();
      expect(await listEvidence(t.ctx.db, kase?.id ?? '')).toEqual([]);
    });

    it.each([
      ['a value', 'description=%FF%FE'],
      ['a field name', `${form(validForm())}&%C3%28=x`],
      ['a truncated sequence', form(validForm()).replace(/description=[^&]*/, 'description=caf%C3')],
    ])('answers 400 for percent-encoded bytes that are not UTF-8 in %s, storing nothing', async (_label, payload) => {
      const before = await tableCounts(t);
      const response = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload });
      expect(response.statusCode).toBe(400);
      // A reporter gets a page in plain words, not the API's JSON.
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<h1>');
      expect(response.body).not.toContain('"error"');
      expect(await tableCounts(t)).toEqual(before);
    });

    it('answers an oversized form with a 413 page and stores nothing', async () => {
      const before = await tableCounts(t);
      const payload = form({ ...validForm(), description: 'x'.repeat(300_000) });
      const response = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload });
      expect(response.statusCode).toBe(413);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(await tableCounts(t)).toEqual(before);
    });

    it('refuses a form posted from another site', async () => {
      const before = await tableCounts(t);
      const response = await t.app.inject({ method: 'POST', url: '/report', headers: { ...FORM, origin: 'https://evil.example' }, payload: form(validForm()) });
      expect(response.statusCode).toBe(403);
      expect(await tableCounts(t)).toEqual(before);
    });
  });

  it('sends the security headers on the home page too', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expectHtmlPageHeaders(response);
    expect(response.body.toLowerCase()).not.toContain('<script');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
