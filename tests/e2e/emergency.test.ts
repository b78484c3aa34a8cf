import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  DESKTOP, PHONE, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, wcagViolationsOfHtml, type HavenProcess,
} from '../support/browser.js';
import { desk, pub } from '../support/catalog.js';

// An emergency report raises the alarm in every open console of its desk; acknowledging it in
// one clears it in all. A reporter in danger reads, first and without JavaScript, that they
// should contact local emergency services now.

const PASSWORD = 'a long enough passphrase for emergencies';
const PHONE_390: BrowserContextOptions = { ...PHONE, viewport: { width: 390, height: 844 } };

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;

async function open(options: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, baseURL: haven.url });
  page = await context.newPage();
  return { context, page };
}

async function signIn(p: Page, username: string): Promise<void> {
  await p.goto('/desk/');
  await p.getByLabel(desk('signIn.username')).fill(username);
  await p.getByLabel(desk('signIn.password')).fill(PASSWORD);
  await p.getByRole('button', { name: desk('signIn.submit') }).click();
  await p.getByRole('heading', { level: 1, name: desk('queue.title') }).waitFor();
}

/** The text of the first element of the main content after its heading. */
async function firstAfterHeading(p: Page): Promise<string> {
  return (await p.locator('main h1 + *').first().textContent())?.trim() ?? '';
}

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff('esme', 'escalation', PASSWORD);
  await haven.addStaff('hal', 'handler', PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('the alarm', () => {
  it('raises the alarm in two open consoles, and acknowledging in one clears it in both', async () => {
    onTestFailed(failureScreenshot(() => page, 'emergency-alarm'));
    const one = await open(DESKTOP);
    await signIn(one.page, 'esme');
    const two = await open(PHONE_390);
    await signIn(two.page, 'hal');
    const alarmIn = (p: Page) => p.getByRole('heading', { level: 2, name: desk('alarm.heading') });
    expect(await alarmIn(one.page).count()).toBe(0);
    // The duty panel says who is on duty: nobody yet.
    await one.page.getByText(desk('duty.nobody')).waitFor();

    const response = await fetch(`${haven.url}/api/v1/reports`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        reporterRole: 'third_party', reportedAccounts: ['Threatening Account'], links: [], language: 'en',
        category: 'threat_of_violence', immediateDanger: true, description: 'They posted that they will go to her house tonight.',
      }),
    });
    expect(response.status).toBe(201);
    const { reference } = await response.json() as { reference: string };

    // Both consoles show it without a reload (the console polls every 1.5 s).
    await alarmIn(one.page).waitFor({ timeout: 10_000 });
    await alarmIn(two.page).waitFor({ timeout: 10_000 });
    expect(await two.page.getByRole('link', { name: desk('alarm.open', { reference }) }).count()).toBe(1);
    // Visible first; sound only after a click.
    await two.page.getByRole('button', { name: desk('alarm.sound.enable') }).click();
    await two.page.getByText(desk('alarm.sound.on')).waitFor();
    await keepScreenshot(two.page, 'emergency-alarm-phone');
    expect(await wcagViolations(two.page)).toEqual([]);
    expect(await wcagViolations(one.page)).toEqual([]);

    // Opening the case does not acknowledge the alert.
    await two.page.getByRole('link', { name: desk('alarm.open', { reference }) }).click();
    await two.page.getByRole('heading', { level: 2, name: desk('alert.heading') }).waitFor();
    await two.page.getByText(desk('alert.open')).waitFor();
    await keepScreenshot(two.page, 'emergency-case-alert-phone');
    expect(await wcagViolations(two.page)).toEqual([]);
    expect(await alarmIn(one.page).count()).toBe(1);

    await two.page.getByRole('button', { name: desk('alert.acknowledge') }).click();
    await two.page.getByText(desk('alert.acknowledged', { username: 'hal', at: '' }).slice(0, 20)).waitFor();
    await alarmIn(one.page).waitFor({ state: 'detached', timeout: 10_000 });
    await alarmIn(two.page).waitFor({ state: 'detached', timeout: 10_000 });
    await keepScreenshot(two.page, 'emergency-acknowledged-phone');
    await one.context.close();
    await two.context.close();
  });
});

describe('the reporter in danger, with JavaScript off', () => {
  it('reads the emergency advice first on the form, the receipt and the status page', async () => {
    onTestFailed(failureScreenshot(() => page, 'emergency-reporter'));
    const { page: p, context } = await open({ ...PHONE_390, javaScriptEnabled: false });
    // axe needs script, so each page is kept as served and checked afterwards in a page with it.
    const served: { url: string; html: string }[] = [];
    const keep = async () => { served.push({ url: p.url(), html: await p.content() }); };
    await p.goto('/report');
    expect(await firstAfterHeading(p)).toBe(pub('report.emergency'));
    await keepScreenshot(p, 'emergency-report-form-phone');
    await keep();

    await p.getByRole('group', { name: pub('report.role.legend') }).getByRole('radio', { name: pub('report.role.target') }).check();
    await p.getByLabel(pub('report.accounts.label'), { exact: true }).fill('Threatening Account');
    await p.getByLabel(pub('report.description.label')).fill('Someone said they know where I live and are coming tonight.');
    await p.getByLabel(pub('report.category.label')).selectOption({ label: pub('category.threat_of_violence') });
    await p.getByRole('group', { name: pub('report.danger.legend') }).getByRole('radio', { name: pub('report.danger.yes') }).check();
    await p.getByRole('button', { name: pub('report.submit') }).click();
    await p.getByRole('heading', { level: 1, name: pub('receipt.heading') }).waitFor();
    expect(await firstAfterHeading(p)).toBe(pub('receipt.danger'));
    await keepScreenshot(p, 'emergency-receipt-phone');
    await keep();
    const code = (await p.locator('.access-code').textContent())?.trim() ?? '';

    await p.goto('/status');
    expect(await firstAfterHeading(p)).toBe(pub('report.emergency'));
    await keep();
    await p.getByLabel(pub('status.code.label')).fill(code);
    await p.getByRole('button', { name: pub('status.code.submit') }).click();
    await p.locator('main h1').waitFor();
    expect(await firstAfterHeading(p)).toBe(pub('receipt.danger'));
    await keepScreenshot(p, 'emergency-status-phone');
    await keep();
    await context.close();
    const checker = await open(PHONE_390);
    for (const one of served) expect(await wcagViolationsOfHtml(checker.page, one.url, one.html)).toEqual([]);
    await checker.context.close();
  });
});
