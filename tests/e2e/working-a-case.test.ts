import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  DESKTOP, PHONE, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, wcagViolationsOfHtml, type HavenProcess,
} from '../support/browser.js';
import { desk, pub } from '../support/catalog.js';

// Working a case, told in order: a handler moves a case along the lifecycle from the console and
// then to waiting on the reporter, and the queue says so; the reporter, on a phone with
// JavaScript off, asks to withdraw through the confirm step; the handler decides to keep
// investigating and says why, and the reporter reads it. axe-core checks every page on the way.

const HANDLER = { username: 'wren', password: 'a long handler passphrase for wren' };
const PHONE_390: typeof PHONE = { ...PHONE, viewport: { width: 390, height: 844 } };
const KEEP_GOING = 'Other people have reported the same account, so we will keep looking into it. You can come back at any time.';

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;
const story = { reference: '', code: '' };

function plain(value: string | null): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

async function console_(path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...DESKTOP, baseURL: haven.url });
  const signedIn = await context.request.post('/api/v1/session', { data: HANDLER });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  page = await context.newPage();
  await page.goto(path);
  return { context, page };
}

async function reporterOnPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE_390, javaScriptEnabled: false, baseURL: haven.url });
  const p = (page = await context.newPage());
  await p.goto('/status');
  await p.getByLabel(pub('status.code.label')).fill(story.code);
  await p.getByRole('button', { name: pub('status.code.submit') }).click();
  await p.getByRole('heading', { level: 1, name: pub('status.case.heading', { reference: story.reference }) }).waitFor();
  return { context, page: p };
}

/** Axe needs script: a page seen with JavaScript off is checked as captured, in a page with script. */
async function violationsWithoutScript(p: Page): Promise<string[]> {
  const checker = await browser.newContext({ ...PHONE_390, baseURL: haven.url });
  try {
    return await wcagViolationsOfHtml(await checker.newPage(), p.url(), await p.content());
  } finally {
    await checker.close();
  }
}

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff(HANDLER.username, 'handler', HANDLER.password);
  const response = await fetch(`${haven.url}/api/v1/reports`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reporterRole: 'target', reportedAccounts: ['Example Shadow'], links: [], language: 'en', category: 'hounding',
      immediateDanger: false, description: 'An account follows me to every page I edit and undoes my work.', contactEmail: 'reporter@example.org',
    }),
  });
  expect(response.status).toBe(201);
  const filed = (await response.json()) as { reference: string; accessCode: string };
  story.reference = filed.reference;
  story.code = filed.accessCode;
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('working a case', () => {
  it('the handler moves the case only along legal moves, to waiting on the reporter, and the queue shows it', async () => {
    onTestFailed(failureScreenshot(() => page, 'status-move'));
    const { context, page: p } = await console_(`/desk/cases/${encodeURIComponent(story.reference)}`);
    await p.getByRole('button', { name: desk('case.assign') }).click();
    await p.getByRole('status').filter({ hasText: desk('case.assign.done') }).waitFor();
    const region = p.getByRole('region', { name: desk('statusMove.heading') });
    const to = region.getByLabel(desk('statusMove.to'));
    // A new case can only be acknowledged: the list is the lifecycle's, not every status.
    expect(await to.locator('option').allTextContents()).toEqual([desk('status.acknowledged')]);
    await region.getByRole('button', { name: desk('statusMove.submit') }).click();
    await expect.poll(async () => region.getByLabel(desk('statusMove.to')).locator('option').allTextContents()).toEqual([desk('status.investigating')]);
    await region.getByRole('button', { name: desk('statusMove.submit') }).click();
    await expect.poll(async () => region.getByLabel(desk('statusMove.to')).locator('option').allTextContents())
      .toEqual([desk('status.waiting'), desk('status.in_review')]);
    await region.getByLabel(desk('statusMove.to')).selectOption('waiting');
    await region.getByLabel(desk('statusMove.waitingOn')).selectOption('reporter');
    await region.getByLabel(desk('statusMove.remindAfterDays')).fill('5');
    await region.getByLabel(desk('statusMove.reason')).fill('Asked for the dates of the first reverts.');
    expect(await wcagViolations(p)).toEqual([]);
    await region.getByRole('button', { name: desk('statusMove.submit') }).click();
    await p.locator('.waiting-note').waitFor();
    expect(plain(await p.locator('.waiting-note').textContent())).toContain(desk('waitingOn.reporter'));
    const notes = p.getByRole('region', { name: desk('notes.heading') });
    await notes.getByText('Asked for the dates of the first reverts.', { exact: true }).waitFor();
    expect(await wcagViolations(p)).toEqual([]);
    await keepScreenshot(p, 'case-waiting');

    await p.goto('/desk/');
    const row = p.getByRole('row').filter({ hasText: story.reference });
    await row.waitFor();
    // The duration depends on the clock; the words before it say on whom the case waits.
    const waitingOn = desk('queue.waiting', { who: desk('waitingOn.reporter'), duration: '\u0000' }).split('\u0000')[0] ?? '';
    expect(waitingOn).toContain(desk('waitingOn.reporter'));
    expect(plain(await row.textContent())).toContain(plain(waitingOn));
    expect(await wcagViolations(p)).toEqual([]);
    await p.setViewportSize({ width: 390, height: 844 });
    await keepScreenshot(p, 'queue-waiting-phone');
    await context.close();
  });

  it('the reporter, with JavaScript off, asks to withdraw through a confirm step', async () => {
    onTestFailed(failureScreenshot(() => page, 'withdraw'));
    const { context, page: p } = await reporterOnPhone();
    expect(await violationsWithoutScript(p)).toEqual([]);
    await p.getByRole('link', { name: pub('status.withdraw.link') }).click();
    await p.getByRole('heading', { level: 1, name: pub('status.withdraw.confirm.heading') }).waitFor();
    expect(await violationsWithoutScript(p)).toEqual([]);
    await keepScreenshot(p, 'withdraw-confirm-phone');
    await p.getByRole('button', { name: pub('status.withdraw.confirm.submit') }).click();
    await p.getByText(pub('status.withdraw.done'), { exact: true }).waitFor();
    expect(await p.getByRole('button', { name: pub('status.withdraw.resume') }).isVisible()).toBe(true);
    expect(await violationsWithoutScript(p)).toEqual([]);
    await keepScreenshot(p, 'withdraw-done-phone');
    await context.close();
  });

  it('the handler keeps investigating and says why; the reporter reads it with JavaScript off', async () => {
    onTestFailed(failureScreenshot(() => page, 'withdraw-continue'));
    const { context, page: p } = await console_(`/desk/cases/${encodeURIComponent(story.reference)}`);
    const region = p.getByRole('region', { name: desk('withdrawal.heading') });
    await region.waitFor();
    expect(await wcagViolations(p)).toEqual([]);
    await region.getByLabel(desk('withdrawal.message')).fill(KEEP_GOING);
    await region.getByRole('button', { name: desk('withdrawal.continue') }).click();
    await region.waitFor({ state: 'detached' });
    const timeline = p.getByRole('region', { name: desk('case.timeline.heading') });
    expect(await timeline.getByText(desk('timeline.type.withdrawal_continued'), { exact: true }).count()).toBe(1);
    await context.close();

    const reporter = await reporterOnPhone();
    const item = reporter.page.locator('.messages li', { hasText: 'Other people have reported' });
    expect(plain(await item.textContent())).toContain(KEEP_GOING);
    expect(await violationsWithoutScript(reporter.page)).toEqual([]);
    await keepScreenshot(reporter.page, 'withdraw-continued-phone');
    await reporter.context.close();
  });
});
