import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { PHONE, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, wcagViolationsOfHtml, type HavenProcess } from '../support/browser.js';
import { pub } from '../support/catalog.js';
import { makeReportInput } from '../support/factories.js';

// Intake under pressure: the overall limit is two reports a minute. A reporter whose browser
// runs scripts gets the form with a challenge, solved in the page, and their report is taken
// although the minute is full; a reporter without scripts gets a calm page with their text kept.

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;

function countCases(): number {
  const db = new Database(path.join(haven.dataDir, 'haven.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Sends reports through the API until Haven refuses one: the minute's budget is used up. */
async function fillTheMinute(): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    const response = await fetch(`${haven.url}/api/v1/reports`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(makeReportInput()),
    });
    if (response.status === 429) return;
    expect(response.status).toBe(201);
  }
  throw new Error('Haven never pushed back');
}

async function fillForm(p: Page, description: string): Promise<void> {
  await p.getByRole('group', { name: pub('report.role.legend') }).getByRole('radio', { name: pub('report.role.target') }).check();
  await p.getByLabel(pub('report.accounts.label'), { exact: true }).fill('Flood Account');
  await p.getByLabel(pub('report.description.label')).fill(description);
  await p.getByLabel(pub('report.category.label')).selectOption({ label: pub('category.hounding') });
  await p.getByRole('group', { name: pub('report.danger.legend') }).getByRole('radio', { name: pub('report.danger.no') }).check();
}

beforeAll(async () => {
  haven = await startHaven({ HAVEN_INTAKE_PER_MINUTE: '2', HAVEN_INTAKE_POW_MAX: '20000' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('the report form while intake is flooded', () => {
  it('with scripts: solves the challenge in the page and files, past the full minute', async () => {
    onTestFailed(failureScreenshot(() => page, 'intake-pressure-js'));
    await fillTheMinute();
    const context = await browser.newContext({ ...PHONE, baseURL: haven.url });
    const p = await context.newPage();
    page = p;
    await p.goto('/report');
    expect(await p.locator('script[src="/assets/pow.js"]').count()).toBe(1);
    await fillForm(p, 'Dozens of accounts post the same insult on my talk page every minute.');
    await p.getByText(pub('report.pow.done')).waitFor({ timeout: 30_000 });
    expect(await p.locator('input[name="pow"]').inputValue()).not.toBe('');
    await keepScreenshot(p, 'intake-pressure-form');
    await p.screenshot({ path: '/tmp/shots-intake/pressure-form-js.png', fullPage: true });
    expect(await wcagViolations(p)).toEqual([]);
    await fillTheMinute();
    const before = countCases();
    await p.getByRole('button', { name: pub('report.submit') }).click();
    await p.getByRole('heading', { level: 1, name: pub('receipt.heading') }).waitFor();
    expect(countCases()).toBe(before + 1);
    await context.close();
  });

  it('without scripts: a calm page with the emergency advice and the text kept, that passes axe', async () => {
    onTestFailed(failureScreenshot(() => page, 'intake-pressure-nojs'));
    const context = await browser.newContext({ ...PHONE, baseURL: haven.url, javaScriptEnabled: false });
    const p = await context.newPage();
    page = p;
    await p.goto('/report');
    const words = 'They copy my words into threats on another site.';
    await fillForm(p, words);
    await fillTheMinute();
    const before = countCases();
    const answer = p.waitForResponse((r) => r.url().endsWith('/report') && r.request().method() === 'POST');
    await p.getByRole('button', { name: pub('report.submit') }).click();
    expect((await answer).status()).toBe(503);
    await p.getByRole('heading', { level: 1, name: pub('report.busy.heading') }).waitFor();
    expect(await p.getByText(pub('report.emergency')).count()).toBe(1);
    expect(await p.getByLabel(pub('report.description.label')).inputValue()).toBe(words);
    expect(countCases()).toBe(before);
    await p.screenshot({ path: '/tmp/shots-intake/pressure-busy-nojs.png', fullPage: true });
    await keepScreenshot(p, 'intake-pressure-busy');
    const busyHtml = await p.content();
    await context.close();
    // axe needs scripts: the page as the reporter got it, checked in a script-enabled page.
    const checker = await browser.newContext({ ...PHONE, baseURL: haven.url });
    const c = await checker.newPage();
    page = c;
    expect(await wcagViolationsOfHtml(c, `${haven.url}/report`, busyHtml)).toEqual([]);
    await checker.close();
  });
});
