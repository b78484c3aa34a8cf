import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  DESKTOP, PHONE, decodeQuotedPrintable, keepScreenshot, launchChromium, failureScreenshot, startHaven,
  wcagViolations, wcagViolationsOfHtml, type HavenProcess,
} from '../support/browser.js';
import { desk, pub } from '../support/catalog.js';

// One story, told in the order it happens: a reporter on a phone with JavaScript off files a
// report, reads the receipt and follows the case; a handler finds it first in the queue and
// takes it. Then every page of the story is checked with axe-core against WCAG 2.1 AA.


const HANDLER = { username: 'rowan', password: 'a long handler passphrase' };
const OTHER_REPORTS = [
  { category: 'other', immediateDanger: false, description: 'Rude edit summaries on my talk page.' },
  { category: 'hounding', immediateDanger: false, description: 'Someone follows me to every article I edit.' },
];

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;
const story = { reference: '', code: '' };
/** Pages seen with JavaScript off, kept for the accessibility check (axe needs script). */
const noScriptPages = new Map<string, { url: string; html: string }>();

async function fileThroughApi(report: (typeof OTHER_REPORTS)[number]): Promise<void> {
  const response = await fetch(`${haven.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reporterRole: 'target', reportedAccounts: ['Someone Else'], links: ['https://wiki.example.org/wiki/Talk:Example'], language: 'en', ...report }),
  });
  if (response.status !== 201) throw new Error(`intake answered ${response.status}: ${await response.text()}`);
}

async function openPage(options: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, baseURL: haven.url });
  page = await context.newPage();
  return { context, page };
}

async function keepNoScriptPage(current: Page, name: string): Promise<void> {
  noScriptPages.set(name, { url: current.url(), html: await current.content() });
  await keepScreenshot(current, name);
}

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff(HANDLER.username, 'handler', HANDLER.password);
  // Older, less urgent cases: the report filed below must still come first.
  for (const report of OTHER_REPORTS) await fileThroughApi(report);
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('a reporter with JavaScript off, on a phone', () => {
  it('files a report, is shown a missing answer next to its field, and reads the receipt', async () => {
    onTestFailed(failureScreenshot(() => page, 'reporter-files-a-report'));
    const { page: p } = await openPage({ ...PHONE, javaScriptEnabled: false });
    await p.goto('/report');
    await keepNoScriptPage(p, 'report-empty');
    await p.getByRole('group', { name: pub('report.role.legend') }).getByRole('radio', { name: pub('report.role.target') }).check();
    await p.getByLabel(pub('report.accounts.label'), { exact: true }).fill('Example Troll\nExample Sock');
    await p.getByLabel(pub('report.links.label'), { exact: true }).fill('https://wiki.example.org/w/index.php?diff=123');
    await p.getByLabel(pub('report.category.label')).selectOption({ label: pub('category.threat_of_violence') });
    await p.getByRole('group', { name: pub('report.danger.legend') }).getByRole('radio', { name: pub('report.danger.yes') }).check();
    await p.getByLabel(pub('report.email.label')).fill('reporter@example.org');
    await p.getByRole('button', { name: pub('report.submit') }).click();

    // "What happened?" was left empty: the form comes back with that one error beside it.
    await p.getByRole('heading', { level: 2, name: pub('report.errors.title') }).waitFor();
    await keepNoScriptPage(p, 'report-with-errors');
    const summary = p.getByRole('alert');
    expect(await summary.getByRole('listitem').allTextContents()).toEqual([pub('report.error.description')]);
    const description = p.getByLabel(pub('report.description.label'));
    expect(await description.getAttribute('aria-invalid')).toBe('true');
    expect(await description.getAttribute('aria-describedby')).toContain('description-error');
    const field = p.locator('.field', { has: description });
    expect(await field.locator('.error').textContent()).toBe(pub('report.error.description'));
    expect(await p.getByLabel(pub('report.accounts.label'), { exact: true }).inputValue()).toBe('Example Troll\nExample Sock');
    expect(await p.getByRole('radio', { name: pub('report.role.target') }).isChecked()).toBe(true);
    expect(await p.getByRole('radio', { name: pub('report.danger.yes') }).isChecked()).toBe(true);
    expect(await p.getByLabel(pub('report.email.label')).inputValue()).toBe('reporter@example.org');

    await description.fill('They wrote on my talk page that they know where I live and will come there.');
    await p.getByRole('button', { name: pub('report.submit') }).click();
    await p.getByRole('heading', { level: 1, name: pub('receipt.heading') }).waitFor();
    await keepNoScriptPage(p, 'receipt');
    story.reference = (await p.locator('.reference').textContent()) ?? '';
    story.code = (await p.locator('code.access-code').textContent()) ?? '';
    expect(story.reference).toMatch(new RegExp(`^HV-${new Date().getUTCFullYear()}-\\d{6}$`));
    // At least 128 bits: 26 or more characters of Crockford base32.
    expect(story.code.replace(/-/g, '')).toMatch(/^[0-9A-Z]{26,}$/);
    expect(await p.getByText(pub('receipt.next.email')).isVisible()).toBe(true);
    await p.context().close();
  });

  it('gets a receipt email with the reference and without the access code', async () => {
    expect(story.reference, 'the report was not filed').not.toBe('');
    const deadline = Date.now() + 15_000;
    let mail: string | undefined;
    while (mail === undefined && Date.now() < deadline) {
      mail = haven.mailFiles().map(decodeQuotedPrintable).find((m) => m.includes(story.reference));
      if (mail === undefined) await new Promise((r) => setTimeout(r, 200));
    }
    expect(mail, `no .eml file with ${story.reference} under ${haven.dataDir}/mail`).toBeDefined();
    expect(mail).toMatch(/^To: reporter@example\.org$/m);
    expect(mail).not.toContain(story.code);
    expect(mail).not.toContain(story.code.replace(/-/g, ''));
  });

  it('follows the report with the access code, adds information, and a link with the code ends on a clean /status', async () => {
    onTestFailed(failureScreenshot(() => page, 'reporter-follows-the-report'));
    expect(story.code, 'the report was not filed').not.toBe('');
    const { page: p, context } = await openPage({ ...PHONE, javaScriptEnabled: false });
    await p.goto('/status');
    await keepNoScriptPage(p, 'status-code-form');
    await p.getByLabel(pub('status.code.label')).fill(story.code);
    await p.getByRole('button', { name: pub('status.code.submit') }).click();
    const caseHeading = p.getByRole('heading', { level: 1, name: pub('status.case.heading', { reference: story.reference }) });
    await caseHeading.waitFor();
    expect(new URL(p.url()).pathname).toBe('/status');
    expect(await p.getByText(pub('status.value.new')).isVisible()).toBe(true);
    await keepNoScriptPage(p, 'status-case');

    const addition = 'This morning the same account left a second message on my user page.';
    await p.getByLabel(pub('status.update.text')).fill(addition);
    await p.getByRole('button', { name: pub('status.update.submit') }).click();
    await p.getByRole('status').filter({ hasText: pub('status.added') }).waitFor();
    expect(await p.getByText(addition).isVisible()).toBe(true);

    await p.getByRole('button', { name: pub('status.signout') }).click();
    await p.getByLabel(pub('status.code.label')).waitFor();
    expect((await context.cookies()).some((c) => c.name.includes('reporter') && c.value !== '')).toBe(false);

    // A code in a link is swapped for a cookie at once; it must not stay in the address.
    await p.goto(`/status?code=${encodeURIComponent(story.code)}`);
    await caseHeading.waitFor();
    const landed = new URL(p.url());
    expect(`${landed.pathname}${landed.search}`).toBe('/status');
    await context.close();
  });
});

describe('a handler in the console', () => {
  async function signIn(p: Page): Promise<void> {
    await p.goto('/desk/');
    await p.getByLabel(desk('signIn.username')).fill(HANDLER.username);
    await p.getByLabel(desk('signIn.password')).fill(HANDLER.password);
    await p.getByRole('button', { name: desk('signIn.submit') }).click();
    await p.getByRole('heading', { level: 1, name: desk('queue.title') }).waitFor();
  }

  it('signs in, finds the most urgent case first in the queue, opens it and assigns it to themselves', async () => {
    onTestFailed(failureScreenshot(() => page, 'handler-assigns-the-case'));
    expect(story.reference, 'the report was not filed').not.toBe('');
    const { page: p, context } = await openPage(DESKTOP);
    await signIn(p);
    const table = p.getByRole('table', { name: desk('queue.caption') });
    await table.waitFor();
    await keepScreenshot(p, 'console-queue');
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(1 + OTHER_REPORTS.length + 1);
    const first = rows.nth(1).getByRole('link');
    expect(await first.textContent()).toBe(story.reference);

    await first.click();
    await p.getByRole('heading', { level: 1, name: story.reference }).waitFor();
    // The heading shows at once; the facts arrive with the case.
    await p.getByText(desk('case.assignee.none'), { exact: true }).waitFor();
    await p.getByRole('button', { name: desk('case.assign') }).click();
    await p.getByRole('status').filter({ hasText: desk('case.assign.done') }).waitFor();
    const mine = desk('case.assignee.you', { username: HANDLER.username });
    expect(await p.getByText(mine, { exact: true }).isVisible()).toBe(true);
    expect(await p.getByRole('button', { name: desk('case.assign') }).count()).toBe(0);
    await keepScreenshot(p, 'console-case');

    // It is stored, not only shown: a fresh load says the same.
    await p.reload();
    await p.getByText(mine, { exact: true }).waitFor();
    await p.getByRole('button', { name: desk('nav.signOut') }).click();
    await p.getByRole('button', { name: desk('signIn.submit') }).waitFor();
    await context.close();
  });
});

describe('accessibility: no WCAG 2.1 AA violations found by axe-core', () => {
  const publicPages = [
    ['home', '/'], ['report form', '/report'], ['status code form', '/status'],
  ] as const;

  it.each(publicPages)('%s (%s)', async (name, url) => {
    const { page: p, context } = await openPage(PHONE);
    onTestFailed(failureScreenshot(() => p, `axe-${name}`));
    await p.goto(url);
    expect(await wcagViolations(p)).toEqual([]);
    await context.close();
  });

  it.each(['report-with-errors', 'receipt', 'status-case'])('%s, as seen with JavaScript off', async (name) => {
    const seen = noScriptPages.get(name);
    expect(seen, `the ${name} page was not reached in the reporter's story`).toBeDefined();
    const { page: p, context } = await openPage(PHONE);
    onTestFailed(failureScreenshot(() => p, `axe-${name}`));
    expect(await wcagViolationsOfHtml(p, seen?.url ?? '', seen?.html ?? '')).toEqual([]);
    await context.close();
  });

  it('the check itself finds a field with no label (a control for the checks above)', async () => {
    const { page: p, context } = await openPage(PHONE);
    const unlabelled = '<!doctype html><html lang="en"><head><title>Control</title></head><body><main><input type="text"></main></body></html>';
    const found = await wcagViolationsOfHtml(p, `${haven.url}/report`, unlabelled);
    expect(found.some((line) => line.startsWith('label '))).toBe(true);
    await context.close();
  });

  it('console: sign-in, queue and case page', async () => {
    const { page: p, context } = await openPage(DESKTOP);
    onTestFailed(failureScreenshot(() => p, 'axe-console'));
    await p.goto('/desk/');
    await p.getByRole('button', { name: desk('signIn.submit') }).waitFor();
    await keepScreenshot(p, 'console-sign-in');
    const found: Record<string, string[]> = { 'sign-in': await wcagViolations(p) };
    await p.getByLabel(desk('signIn.username')).fill(HANDLER.username);
    await p.getByLabel(desk('signIn.password')).fill(HANDLER.password);
    await p.getByRole('button', { name: desk('signIn.submit') }).click();
    await p.getByRole('table', { name: desk('queue.caption') }).waitFor();
    found.queue = await wcagViolations(p);
    await p.getByRole('link', { name: story.reference, exact: true }).click();
    await p.getByRole('heading', { level: 2, name: desk('case.timeline.heading') }).waitFor();
    found.case = await wcagViolations(p);
    expect(found).toEqual({ 'sign-in': [], queue: [], case: [] });
    await context.close();
  });
});
