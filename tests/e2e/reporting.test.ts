import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { DESKTOP, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, type HavenProcess } from '../support/browser.js';
import { desk } from '../support/catalog.js';

// A reviewer opens the Reports page, finds the report just filed counted in this month's
// column for its category, switches to the publication view where that 1 becomes
// "fewer than 5", and the page passes axe-core in each state.

const REVIEWER = { username: 'sasha', password: 'a long reviewer passphrase' };
const month = new Date().toISOString().slice(0, 7);
const monthName = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${month}-01T00:00:00Z`));

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff(REVIEWER.username, 'reviewer', REVIEWER.password);
  const response = await fetch(`${haven.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reporterRole: 'target', reportedAccounts: ['Example Account'], links: ['https://wiki.example.org/wiki/User:Example_Account'], language: 'en', category: 'image_based_abuse',
      immediateDanger: false, description: 'Someone posted an edited picture of me on their user page.',
    }),
  });
  if (response.status !== 201) throw new Error(`intake answered ${response.status}: ${await response.text()}`);
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

/** The table of counts (the page also has the responsiveness table, with the same months). */
function countsTable(p: Page) {
  return p.locator('table', { has: p.locator('#counts-caption') });
}

/** The text of the cell in the row headed `row` and the column headed `column`, in the counts table. */
async function cellText(p: Page, row: string, column: string): Promise<string> {
  const table = countsTable(p);
  const headers = await table.locator('thead th').allTextContents();
  const index = headers.indexOf(column);
  expect(index, `no column headed ${column}: ${headers.join(', ')}`).toBeGreaterThan(0);
  const tr = table.locator('tr', { has: p.getByRole('rowheader', { name: row, exact: true }) });
  // The row header is the first cell; data cells follow in the order of the column headers.
  return (await tr.locator('td').nth(index - 1).textContent()) ?? '';
}

describe('the Reports page', () => {
  it('counts a report filed this month, hides it for publication, and passes axe in every state', async () => {
    const context = await browser.newContext({ ...DESKTOP, baseURL: haven.url });
    const p = await context.newPage();
    page = p;
    onTestFailed(failureScreenshot(() => page, 'reports-page'));
    await p.goto('/desk/');
    await p.getByLabel(desk('signIn.username')).fill(REVIEWER.username);
    await p.getByLabel(desk('signIn.password')).fill(REVIEWER.password);
    await p.getByRole('button', { name: desk('signIn.submit') }).click();
    await p.getByRole('heading', { level: 1, name: desk('queue.title') }).waitFor();

    await p.getByRole('navigation').getByRole('link', { name: desk('nav.reports') }).click();
    await p.getByRole('heading', { level: 1, name: desk('reports.heading') }).waitFor();
    const category = desk('category.image_based_abuse');
    await countsTable(p).getByRole('rowheader', { name: monthName, exact: true }).waitFor();
    expect(await cellText(p, monthName, category)).toBe('1');
    expect(await cellText(p, desk('reports.total'), desk('reports.total'))).toBe('1');
    // The form shows the months the server chose: the twelve ending with this one.
    expect(await p.getByLabel(desk('reports.to')).inputValue()).toBe(month);
    await keepScreenshot(p, 'reports-default');
    const found: Record<string, string[]> = { counts: await wcagViolations(p) };

    await p.getByLabel(desk('reports.publication', { threshold: 5 })).check();
    await p.getByRole('button', { name: desk('reports.submit') }).click();
    const suppressed = desk('reports.suppressed', { threshold: 5 });
    await p.getByRole('table', { name: /for publication/ }).waitFor();
    expect(await cellText(p, monthName, category)).toBe(suppressed);
    expect(await cellText(p, monthName, desk('reports.total'))).toBe(suppressed);
    expect(await cellText(p, desk('reports.total'), desk('reports.total'))).toBe(suppressed);
    expect(new URL(p.url()).searchParams.get('publication')).toBe('true');
    await keepScreenshot(p, 'reports-publication');
    found.publication = await wcagViolations(p);

    // A last month before the first is caught in the form, next to its field.
    await p.getByLabel(desk('reports.from')).fill(month);
    await p.getByLabel(desk('reports.to')).fill(`${Number(month.slice(0, 4)) - 1}${month.slice(4)}`);
    await p.getByRole('button', { name: desk('reports.submit') }).click();
    const to = p.getByLabel(desk('reports.to'));
    await p.getByText(desk('reports.error.reversed')).waitFor();
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    // Focus moves to the field to fix (the tests are typed without the DOM library, hence the shape).
    expect(await to.evaluate((el: { matches(selector: string): boolean }) => el.matches(':focus'))).toBe(true);
    found.error = await wcagViolations(p);

    expect(found).toEqual({ counts: [], publication: [], error: [] });
    await context.close();
  });
});
