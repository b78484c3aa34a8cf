import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { fileReport, tableCounts } from '../../../tests/support/intake.js';
import { findCase } from '../../db/repositories/cases.js';
import { listEvidence } from '../../db/repositories/case-parts.js';
import { listEvents } from '../../db/repositories/case-events.js';
import { listConversation } from '../../db/repositories/messages.js';
import { escaped, expectHtmlPageHeaders, form, FORM, t_ } from './public-pages.test-helpers.js';

describe.each(testDialects())('public pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect); });
  afterAll(async () => { await t.close(); });

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
});
