import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { fileReport, tableCounts } from '../../../tests/support/intake.js';
import { CATEGORIES, REPORTER_ROLES } from '../../domain/categories.js';
import { DEFAULT_FIRST_RESPONSE_HOURS } from '../../domain/first-response-clock.js';
import { REPORT_LANGUAGES } from '../../shared/report-input.js';
import { translator } from '../../services/i18n.js';
import { findCase } from '../../db/repositories/cases.js';
import { listEvidence } from '../../db/repositories/case-parts.js';
import { listEvents } from '../../db/repositories/case-events.js';
import { listConversation } from '../../db/repositories/messages.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const t_ = translator('public', 'en');

/** Written out here rather than imported, so a broken escaper cannot vouch for itself. */
function escaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

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

function expectHtmlPageHeaders(response: { headers: Record<string, unknown> }): void {
  expect(String(response.headers['content-type'])).toMatch(/^text\/html/);
  const csp = String(response.headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self'/);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(response.headers['cache-control']).toBe('no-store');
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

    it('files a valid report: 201 with the reference, the access code and when to expect a reply', async () => {
      const fields = validForm({ contactEmail: 'form-reporter@example.org', reportedAccounts: 'One-account\r\n\r\nTwo-account\r\n' });
      const response = await t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: form(fields) });
      expect(response.statusCode).toBe(201);
      expectHtmlPageHeaders(response);
      const reference = /<strong class="reference">(HV-\d{4}-\d{6})<\/strong>/.exec(response.body)?.[1];
      const accessCode = /<code class="access-code">([^<]+)<\/code>/.exec(response.body)?.[1];
      if (reference === undefined || accessCode === undefined) throw new Error('receipt lacks the reference or the code');
      expect(reference.slice(3, 7)).toBe(String(t.ctx.now().getUTCFullYear()));
      const due = new Date(t.ctx.now().getTime() + DEFAULT_FIRST_RESPONSE_HOURS.normal * 3_600_000);
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

  describe('/status', () => {
    async function cookieFromCode(code: string): Promise<string> {
      const response = await t.app.inject({ method: 'GET', url: `/status?code=${encodeURIComponent(code)}` });
      const cookie = response.cookies.find((c) => c.name === 'haven_reporter');
      if (response.statusCode !== 303 || cookie === undefined) throw new Error(`code exchange failed: ${response.statusCode}`);
      return `haven_reporter=${cookie.value}`;
    }

    async function auditActions(caseId: string): Promise<string[]> {
      const rows = await t.ctx.db.selectFrom('audit_log').select('action').where('case_id', '=', caseId).orderBy('seq').execute();
      return rows.map((r) => r.action);
    }

    it('shows the code form without a session', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/status' });
      expect(response.statusCode).toBe(200);
      expectHtmlPageHeaders(response);
      expect(response.body).toMatch(/<form method="post" action="\/status"/);
      expect(response.body).toContain('<label for="code">');
      expect(response.body.toLowerCase()).not.toContain('<script');
    });

    it('swaps a code in the link for a cookie at once, with no code left in the URL', async () => {
      const report = await fileReport(t);
      const response = await t.app.inject({ method: 'GET', url: `/status?code=${encodeURIComponent(report.accessCode)}` });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/status');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(String(response.headers['referrer-policy'])).toMatch(/same-origin|no-referrer/);
      const cookie = response.cookies.find((c) => c.name === 'haven_reporter');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.value).not.toContain(report.accessCode);

      const page = await t.app.inject({ method: 'GET', url: '/status', headers: { cookie: `haven_reporter=${cookie?.value ?? ''}` } });
      expect(page.statusCode).toBe(200);
      expectHtmlPageHeaders(page);
      expect(page.body).toContain(report.reference);
      expect(page.body).toContain(escaped(t_('status.value.new')));
      expect(page.body).not.toContain(report.accessCode);
      expect(page.body).not.toContain(escaped(report.input.reportedAccounts[0] ?? '-'));
    });

    it('answers a wrong code with a 401 page, from the form and from a link', async () => {
      const posted = await t.app.inject({ method: 'POST', url: '/status', headers: FORM, payload: form({ code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG' }) });
      expect(posted.statusCode).toBe(401);
      expectHtmlPageHeaders(posted);
      expect(posted.body).toContain(escaped(t_('status.code.wrong')));
      expect(posted.cookies.find((c) => c.name === 'haven_reporter')).toBeUndefined();
      const linked = await t.app.inject({ method: 'GET', url: '/status?code=wrong' });
      expect(linked.statusCode).toBe(401);
      expect(linked.cookies.find((c) => c.name === 'haven_reporter')).toBeUndefined();
    });

    it('opens the case from the posted form', async () => {
      const report = await fileReport(t);
      const response = await t.app.inject({ method: 'POST', url: '/status', headers: FORM, payload: form({ code: report.accessCode.toLowerCase() }) });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/status');
      expect(response.cookies.find((c) => c.name === 'haven_reporter')).toBeDefined();
    });

    it('adds information only with the hidden csrf field, then stores it and shows a notice', async () => {
      const report = await fileReport(t);
      const cookie = await cookieFromCode(report.accessCode);
      const page = await t.app.inject({ method: 'GET', url: '/status', headers: { cookie } });
      const csrf = /<input type="hidden" name="csrf" value="([^"]+)">/.exec(page.body)?.[1];
      if (csrf === undefined) throw new Error('no csrf field on the status page');
      const kase = await findCase(t.ctx.db, { reference: report.reference });
      const caseId = kase?.id ?? '';
      const update = { text: 'He wrote again this morning.\nSame wording as before.', links: 'https://wiki.example.org/w/index.php?diff=8080' };

      const before = await tableCounts(t, ['audit_log']);
      const auditBefore = await auditActions(caseId);
      const noSession = await t.app.inject({ method: 'POST', url: '/status/updates', headers: FORM, payload: form({ ...update, csrf }) });
      expect(noSession.statusCode).toBe(401);
      const missing = await t.app.inject({ method: 'POST', url: '/status/updates', headers: { ...FORM, cookie }, payload: form(update) });
      expect(missing.statusCode).toBe(403);
      expectHtmlPageHeaders(missing);
      expect(missing.body).toContain(escaped(t_('status.csrf')));
      const wrong = await t.app.inject({ method: 'POST', url: '/status/updates', headers: { ...FORM, cookie }, payload: form({ ...update, csrf: `${csrf}x` }) });
      expect(wrong.statusCode).toBe(403);
      const badLink = await t.app.inject({ method: 'POST', url: '/status/updates', headers: { ...FORM, cookie }, payload: form({ ...update, links: 'javascript:alert(1)', csrf }) });
      expect(badLink.statusCode).toBe(400);
      expect(badLink.body).toContain(`>${escaped(update.text)}</textarea>`);
      expect(badLink.body).toContain(escaped(t_('status.update.error.links')));
      expect(await tableCounts(t, ['audit_log'])).toEqual(before);
      // The refused update wrote nothing; showing the case again with the error is an audited view.
      expect(await auditActions(caseId)).toEqual([...auditBefore, 'case.viewed_by_reporter']);

      const ok = await t.app.inject({ method: 'POST', url: '/status/updates', headers: { ...FORM, cookie }, payload: form({ ...update, csrf }) });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe('/status?added=1');
      const events = (await listEvents(t.ctx.db, caseId)).filter((e) => e.type === 'reporter_added_information');
      // The event points to the reporter's message, which holds their words, and counts their links.
      const conversation = await listConversation(t.ctx.db, caseId);
      expect(events.map((e) => e.type === 'reporter_added_information' && e.detail !== null
        ? { text: conversation.find((m) => m.id === e.detail.messageId)?.body, links: e.detail.links } : null))
        .toEqual([{ text: update.text, links: 1 }]);
      expect((await listEvidence(t.ctx.db, caseId)).map((e) => e.url)).toContain(update.links);

      const after = await t.app.inject({ method: 'GET', url: '/status?added=1', headers: { cookie } });
      expect(after.body).toContain(escaped(t_('status.added')));
      expect(after.body).toContain(escaped(update.text));
    });

    it('signs out and forgets the session', async () => {
      const report = await fileReport(t);
      const cookie = await cookieFromCode(report.accessCode);
      const out = await t.app.inject({ method: 'POST', url: '/status/sign-out', headers: { cookie } });
      expect(out.statusCode).toBe(303);
      const page = await t.app.inject({ method: 'GET', url: '/status', headers: { cookie } });
      expect(page.body).not.toContain(report.reference);
      expect(page.body).toContain('<label for="code">');
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
