import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { tableCounts } from '../../../tests/support/intake.js';
import { holdDatabase, waitFor } from '../../../tests/support/hold-database.js';
import { countCases } from '../../db/repositories/cases.js';
import { keysInFlight } from '../../services/file-report-once.js';
import { escaped, expectHtmlPageHeaders, form, FORM, freshFormToken, receiptCookie, t_ } from './public-pages.test-helpers.js';

const start = new Date('2026-03-02T10:00:00.000Z');

function report(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    reporterRole: 'target', reportedAccounts: 'Receipt-test-account', targetAccount: '', links: '',
    description: 'They send me insulting emails after every discussion on the wiki.', category: 'off_site',
    immediateDanger: 'no', contactEmail: '', language: 'en', ...overrides,
  };
}

const REFERENCE = /<strong class="reference">(HV-\d{4}-\d{6})<\/strong>/;
const CODE = /<code class="access-code"[^>]*>(.+?)<\/code>/;

describe.each(testDialects())('the receipt after the report form on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect, { now: start }); });
  afterAll(async () => { await t.close(); });
  afterEach(() => { t.setNow(start); });

  const post = (fields: Record<string, string>) => t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: form(fields) });
  const receipt = (cookie: string) => t.app.inject({ method: 'GET', url: '/report/receipt', headers: { cookie } });

  it('shows the code once: a reload shows the reference and says the code was shown, and files nothing', async () => {
    const before = await countCases(t.ctx.db);
    const posted = await post({ ...report(), formToken: await freshFormToken(t.app) });
    expect(posted.statusCode).toBe(303);
    const cookie = receiptCookie(posted);
    const first = await receipt(cookie);
    expect(first.statusCode).toBe(200);
    expectHtmlPageHeaders(first);
    const reference = REFERENCE.exec(first.body)?.[1];
    const code = CODE.exec(first.body)?.[1];
    expect(reference).toBeDefined();
    // Shown in seven groups of four, each in its own element, dashes between.
    expect(code).toMatch(/^<span class="group">[0-9A-Z]{4}<\/span>(-<span class="group">[0-9A-Z]{4}<\/span>){6}$/);
    expect(first.body).toContain(escaped(t_('receipt.code.keep')));

    for (let reload = 0; reload < 2; reload += 1) {
      const again = await receipt(cookie);
      expect(again.statusCode).toBe(200);
      expect(REFERENCE.exec(again.body)?.[1]).toBe(reference);
      expect(again.body).not.toMatch(CODE);
      expect(again.body).toContain(escaped(t_('receipt.code.shown')));
      expect(again.body).toContain('href="/status/lost"');
    }
    expect(await countCases(t.ctx.db)).toBe(before + 1);
    // Nothing of the code is kept once shown, not even sealed.
    const rows = await t.ctx.db.selectFrom('intake_receipts').select(['code_enc', 'code_shown_at']).execute();
    expect(rows.filter((r) => r.code_enc !== null)).toEqual([]);
  });

  it('sets a receipt cookie only the receipt page reads, HttpOnly and Strict, for 15 minutes', async () => {
    const posted = await post({ ...report(), formToken: await freshFormToken(t.app) });
    const cookie = posted.cookies.find((c) => c.name === 'haven_receipt');
    expect(cookie).toMatchObject({ path: '/report/receipt', httpOnly: true, sameSite: 'Strict', maxAge: 900 });
  });

  it('answers a resent post (back button, resubmit) with the same receipt, and files nothing new', async () => {
    const fields = { ...report(), formToken: await freshFormToken(t.app) };
    const first = await post(fields);
    const reference = REFERENCE.exec((await receipt(receiptCookie(first))).body)?.[1];
    const before = await tableCounts(t);
    const resent = await post(fields);
    expect(resent.statusCode).toBe(303);
    expect(resent.headers.location).toBe('/report/receipt');
    const page = await receipt(receiptCookie(resent));
    expect(REFERENCE.exec(page.body)?.[1]).toBe(reference);
    expect(page.body).not.toMatch(CODE);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('leads a double click (the second post while the first is being filed) to the one receipt, with the code', async () => {
    const fields = { ...report(), formToken: await freshFormToken(t.app) };
    const before = await countCases(t.ctx.db);
    const hold = await holdDatabase(t);
    let first: ReturnType<typeof post> | undefined;
    let second: ReturnType<typeof post> | undefined;
    try {
      first = post(fields);
      await waitFor(() => keysInFlight(t.ctx) === 1);
      second = post(fields);
      // The second waits for the first rather than failing: the browser shows only its answer.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await hold.release();
    }
    const [a, b] = await Promise.all([first, second]);
    expect([a?.statusCode, b?.statusCode]).toEqual([303, 303]);
    expect(await countCases(t.ctx.db)).toBe(before + 1);
    // The browser follows the answer to its last post, and sees the code there.
    const page = await receipt(receiptCookie(b ?? a ?? { cookies: [] }));
    expect(page.body).toMatch(CODE);
  });

  it('answers a changed form sent again with the same token: 422, nothing filed, the first report stands', async () => {
    const formToken = await freshFormToken(t.app);
    const first = await post({ ...report(), formToken });
    const reference = REFERENCE.exec((await receipt(receiptCookie(first))).body)?.[1];
    const before = await tableCounts(t);
    const changed = await post({ ...report({ description: 'Something else entirely, typed after going back.' }), formToken });
    expect(changed.statusCode).toBe(422);
    expectHtmlPageHeaders(changed);
    expect(changed.body).toContain(escaped(t_('report.sent.heading')));
    expect(await tableCounts(t)).toEqual(before);
    expect(REFERENCE.exec((await receipt(receiptCookie(changed))).body)?.[1]).toBe(reference);
  });

  it.each([
    ['no token', {}],
    ['a made-up token', { formToken: 'x'.repeat(32) + '.' + '0'.repeat(32) }],
  ])('files nothing for a form with %s: it comes back as typed, with a fresh token and a notice', async (_label, extra) => {
    const before = await tableCounts(t);
    const fields = report({ description: 'Kept <exactly> as typed.' });
    const response = await post({ ...fields, ...extra });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(escaped(t_('report.token.stale')));
    expect(response.body).toContain(`>${escaped(fields.description ?? '')}</textarea>`);
    const token = /name="formToken" value="([^"]+)"/.exec(response.body)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}\.[0-9a-f]{32}$/);
    expect(await tableCounts(t)).toEqual(before);
    // Sent again with that token, it is filed.
    expect((await post({ ...fields, formToken: token ?? '' })).statusCode).toBe(303);
  });

  it('keeps the token when the form comes back with errors, so the fixed form is still one report', async () => {
    const formToken = await freshFormToken(t.app);
    const wrong = await post({ ...report({ category: '' }), formToken });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain(`name="formToken" value="${formToken}"`);
  });

  it('shows no code when the receipt is first opened more than 15 minutes after filing', async () => {
    const posted = await post({ ...report(), formToken: await freshFormToken(t.app) });
    t.setNow(new Date(start.getTime() + 15 * 60_000));
    const page = await receipt(receiptCookie(posted));
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(REFERENCE);
    expect(page.body).not.toMatch(CODE);
  });

  it.each([
    ['without a cookie', ''],
    ['with a token Haven never saw', 'haven_receipt=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.00000000000000000000000000000000'],
  ])('shows no receipt %s', async (_label, cookie) => {
    const response = await t.app.inject({ method: 'GET', url: '/report/receipt', headers: cookie === '' ? {} : { cookie } });
    expect(response.statusCode).toBe(404);
    expectHtmlPageHeaders(response);
    expect(response.body).toContain(escaped(t_('receipt.none.heading')));
    expect(response.body).not.toMatch(REFERENCE);
  });

  it('keeps the language the reporter chose on the case, and shows the receipt in one language', async () => {
    const posted = await post({ ...report({ language: 'ar' }), formToken: await freshFormToken(t.app) });
    const page = await receipt(receiptCookie(posted));
    const reference = REFERENCE.exec(page.body)?.[1] ?? '';
    const row = await t.ctx.db.selectFrom('cases').select('language').where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(row.language).toBe('ar');
    // No Arabic catalog yet: the page is English throughout, its date included.
    expect(page.body).toContain('<html lang="en" dir="ltr">');
    expect(page.body).not.toMatch(/[\u0600-\u06FF]/);
  });
});
