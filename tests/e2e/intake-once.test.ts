import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  PHONE, decodeQuotedPrintable, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolationsOfHtml, type HavenProcess,
} from '../support/browser.js';
import { pub } from '../support/catalog.js';

// A reporter on a phone with JavaScript off files a report without any link (it happened by
// email), reloads the receipt, signs in with the code as shown in groups and typed with spaces,
// then loses the code and gets back in through a sign-in link sent by email. Every page on the
// way is checked with axe-core afterwards, in a script-enabled page.

const ADDRESS = 'phone-reporter@example.org';
let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;
const story = { reference: '', code: '' };
const seen = new Map<string, { url: string; html: string }>();

async function openPage(options: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, baseURL: haven.url });
  page = await context.newPage();
  return { context, page };
}

async function keep(current: Page, name: string): Promise<void> {
  seen.set(name, { url: current.url(), html: await current.content() });
  await keepScreenshot(current, name);
}

/** Cases in the server's database, read beside it (SQLite allows a reader while Haven writes). */
function countCases(): number {
  const db = new Database(path.join(haven.dataDir, 'haven.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function waitForMail(match: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mail = haven.mailFiles().map(decodeQuotedPrintable).find(match);
    if (mail !== undefined) return mail;
    if (Date.now() > deadline) throw new Error(`no matching .eml file under ${haven.dataDir}/mail`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('a reporter on a phone with JavaScript off', () => {
  it('files a report with no link, and reloading the receipt files nothing and shows the code no more', async () => {
    onTestFailed(failureScreenshot(() => page, 'intake-once-receipt'));
    const { page: p, context } = await openPage({ ...PHONE, javaScriptEnabled: false });
    await p.goto('/report');
    await p.getByRole('group', { name: pub('report.role.legend') }).getByRole('radio', { name: pub('report.role.target') }).check();
    await p.getByLabel(pub('report.accounts.label'), { exact: true }).fill('Mail Harasser');
    await p.getByLabel(pub('report.description.label')).fill('Since our discussion on the village pump, this account emails me insults every evening.');
    await p.getByLabel(pub('report.category.label')).selectOption({ label: pub('category.off_site') });
    await p.getByRole('group', { name: pub('report.danger.legend') }).getByRole('radio', { name: pub('report.danger.no') }).check();
    await p.getByLabel(pub('report.email.label')).fill(ADDRESS);
    const before = countCases();
    await p.getByRole('button', { name: pub('report.submit') }).click();

    await p.getByRole('heading', { level: 1, name: pub('receipt.heading') }).waitFor();
    expect(new URL(p.url()).pathname).toBe('/report/receipt');
    await keep(p, 'receipt');
    story.reference = (await p.locator('.reference').textContent()) ?? '';
    const code = p.locator('code.access-code');
    story.code = (await code.textContent()) ?? '';
    // Seven groups of four, each an element of its own, dashes between them.
    expect(await code.locator('.group').allTextContents()).toEqual(story.code.split('-'));
    expect(story.code).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
    // A group never breaks across lines on a phone: each stays on one line.
    const lines = await code.locator('.group').evaluateAll((groups: { getClientRects(): { length: number } }[]) => groups.map((g) => g.getClientRects().length));
    expect(lines).toEqual(story.code.split('-').map(() => 1));
    expect(countCases()).toBe(before + 1);

    await p.reload();
    await p.getByRole('heading', { level: 1, name: pub('receipt.heading') }).waitFor();
    await keep(p, 'receipt-reloaded');
    expect(await p.locator('.reference').textContent()).toBe(story.reference);
    expect(await p.locator('code.access-code').count()).toBe(0);
    expect(await p.getByText(pub('receipt.code.shown')).isVisible()).toBe(true);
    expect(await p.content()).not.toContain(story.code.split('-')[0] ?? '-');
    expect(countCases()).toBe(before + 1);
    await context.close();
  });

  it('signs in on /status with the code as shown, and typed in groups with spaces', async () => {
    onTestFailed(failureScreenshot(() => page, 'intake-once-sign-in'));
    expect(story.code, 'the report was not filed').not.toBe('');
    for (const typed of [story.code, story.code.replace(/-/g, ' ').toLowerCase()]) {
      const { page: p, context } = await openPage({ ...PHONE, javaScriptEnabled: false });
      await p.goto('/status');
      await p.getByLabel(pub('status.code.label')).fill(typed);
      await p.getByRole('button', { name: pub('status.code.submit') }).click();
      await p.getByRole('heading', { level: 1, name: pub('status.case.heading', { reference: story.reference }) }).waitFor();
      await context.close();
    }
  });

  it('gets back in without the code through a single-use link sent by email', async () => {
    onTestFailed(failureScreenshot(() => page, 'intake-once-lost-code'));
    expect(story.reference, 'the report was not filed').not.toBe('');
    const { page: p, context } = await openPage({ ...PHONE, javaScriptEnabled: false });
    await p.goto('/status');
    await p.getByRole('link', { name: pub('status.lost.link') }).click();
    await p.getByRole('heading', { level: 1, name: pub('status.lost.heading') }).waitFor();
    await keep(p, 'lost-code');
    await p.getByLabel(pub('status.lost.email.label')).fill(ADDRESS);
    await p.getByRole('button', { name: pub('status.lost.submit') }).click();
    await p.getByRole('heading', { level: 1, name: pub('status.lost.sent.heading') }).waitFor();
    await keep(p, 'lost-code-sent');

    const mail = await waitForMail((text) => text.includes(story.reference) && text.includes('/status/link?token='));
    expect(mail).toMatch(new RegExp(`^To: ${ADDRESS.replace(/\./g, '\\.')}$`, 'm'));
    for (const form of [story.code, story.code.replace(/-/g, '')]) expect(mail).not.toContain(form);
    const link = new URL(/(https?:\/\/\S+\/status\/link\?token=[A-Za-z0-9_-]+)/.exec(mail)?.[1] ?? '');
    await p.goto(`${link.pathname}${link.search}`);
    await p.getByRole('heading', { level: 1, name: pub('status.link.heading') }).waitFor();
    await keep(p, 'sign-in-link');
    await p.getByRole('button', { name: pub('status.link.submit') }).click();
    await p.getByRole('heading', { level: 1, name: pub('status.case.heading', { reference: story.reference }) }).waitFor();
    expect(new URL(p.url()).pathname).toBe('/status');

    // The link works once.
    await p.goto(`${link.pathname}${link.search}`);
    await p.getByRole('button', { name: pub('status.link.submit') }).click();
    await p.getByText(pub('status.link.invalid', { minutes: 30 })).waitFor();
    await keep(p, 'sign-in-link-used');
    await context.close();
  });
});

/** The HTML of a page reached by posting a form from outside a browser (pages a story cannot reach with JavaScript off). */
async function postForm(url: string, fields: Record<string, string>): Promise<{ status: number; html: string; setCookie: string }> {
  const response = await fetch(`${haven.url}${url}`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, html: await response.text(), setCookie: response.headers.get('set-cookie') ?? '' };
}

describe('the pages off the main path', () => {
  it('say plainly what happened, and pass axe: no receipt, already sent, an outdated form, a dead link', async () => {
    const formPage = await (await fetch(`${haven.url}/report`)).text();
    const token = /name="formToken" value="([^"]+)"/.exec(formPage)?.[1] ?? '';
    const fields = {
      reporterRole: 'undisclosed', reportedAccounts: 'Side Page Account', targetAccount: '', links: '', description: 'A short report for the side pages.',
      category: 'other', immediateDanger: 'no', contactEmail: '', language: 'en',
    };
    expect((await postForm('/report', { ...fields, formToken: token })).status).toBe(303);
    const pages: Record<string, { status: number; html: string }> = {
      'already sent': await postForm('/report', { ...fields, description: 'Changed after going back.', formToken: token }),
      'outdated form': await postForm('/report', fields),
      'dead link': await postForm('/status/link', { token: 'A'.repeat(43) }),
    };
    const none = await fetch(`${haven.url}/report/receipt`);
    pages['no receipt'] = { status: none.status, html: await none.text() };
    expect(Object.fromEntries(Object.entries(pages).map(([name, p]) => [name, p.status]))).toEqual({
      'already sent': 422, 'outdated form': 400, 'dead link': 401, 'no receipt': 404,
    });
    expect(pages['already sent']?.html).toContain(pub('report.sent.heading'));
    expect(pages['no receipt']?.html).toContain(pub('receipt.none.heading'));
    const { page: p, context } = await openPage(PHONE);
    onTestFailed(failureScreenshot(() => p, 'axe-side-pages'));
    const found: Record<string, string[]> = {};
    for (const [name, { html }] of Object.entries(pages)) found[name] = await wcagViolationsOfHtml(p, `${haven.url}/report`, html);
    expect(found).toEqual({ 'already sent': [], 'outdated form': [], 'dead link': [], 'no receipt': [] });
    await context.close();
  });
});

describe('accessibility: no WCAG 2.1 AA violations found by axe-core', () => {
  it.each(['receipt', 'receipt-reloaded', 'lost-code', 'lost-code-sent', 'sign-in-link', 'sign-in-link-used'])('%s, as seen with JavaScript off', async (name) => {
    const kept = seen.get(name);
    expect(kept, `the ${name} page was not reached in the story`).toBeDefined();
    const { page: p, context } = await openPage(PHONE);
    onTestFailed(failureScreenshot(() => p, `axe-${name}`));
    expect(await wcagViolationsOfHtml(p, kept?.url ?? '', kept?.html ?? '')).toEqual([]);
    await context.close();
  });
});
