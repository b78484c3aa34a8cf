import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  DESKTOP, PHONE, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, wcagViolationsOfHtml, type HavenProcess,
} from '../support/browser.js';
import { desk, pub } from '../support/catalog.js';

// A third-party report, told in order: the handler gives the target their own code from the
// console; the reporter and the target, each with JavaScript off on a phone, see only their
// own thread; the target records what may be shared; a message to the reported person that
// names the reporter is stopped, and goes only with a written reason.

const HANDLER = { username: 'harper', password: 'a long handler passphrase' };
const PHONE_SIZE = { ...PHONE, viewport: { width: 390, height: 844 } };
const TO_REPORTER = 'Thank you for telling us about this; we are looking into it.';
const TO_TARGET = 'We would like to hear from you privately about some recent posts.';

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;
const story = { reference: '', reporterCode: '', targetCode: '' };

async function openCase(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...DESKTOP, baseURL: haven.url });
  const signedIn = await context.request.post('/api/v1/session', { data: HANDLER });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  page = await context.newPage();
  await page.goto(`/desk/cases/${encodeURIComponent(story.reference)}`);
  await page.getByRole('heading', { level: 2, name: desk('case.parties.heading') }).waitFor();
  return { context, page };
}

async function statusAs(code: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE_SIZE, javaScriptEnabled: false, baseURL: haven.url });
  page = await context.newPage();
  await page.goto('/status');
  await page.getByLabel(pub('status.code.label')).fill(code);
  await page.getByRole('button', { name: pub('status.code.submit') }).click();
  await page.locator('h1').waitFor();
  return { context, page };
}

/** Axe needs script: a page seen with JavaScript off is checked as captured, in a page with script. */
async function violationsWithoutScript(p: Page): Promise<string[]> {
  const checker = await browser.newContext({ ...PHONE_SIZE, baseURL: haven.url });
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
      reporterRole: 'third_party', targetAccount: 'Quiet Wren', reportedAccounts: ['Loud Crow'], language: 'en', category: 'hounding',
      immediateDanger: false, description: 'Loud Crow follows Quiet Wren to every article and reverts her edits.',
    }),
  });
  expect(response.status).toBe(201);
  const filed = (await response.json()) as { reference: string; accessCode: string };
  story.reference = filed.reference;
  story.reporterCode = filed.accessCode;
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('a third-party report', () => {
  it('shows the handler the open task, and gives the target a code shown once', async () => {
    onTestFailed(failureScreenshot(() => page, 'third-party-task'));
    const { page: p, context } = await openCase();
    await p.getByText(desk('case.task.contactTarget')).waitFor();
    expect(await wcagViolations(p)).toEqual([]);
    await p.getByRole('button', { name: desk('case.task.issueCode') }).click();
    const code = p.locator('.access-code');
    await code.waitFor();
    story.targetCode = (await code.textContent()) ?? '';
    expect(story.targetCode).toMatch(/^[0-9A-Z]{4}-/);
    await keepScreenshot(p, 'third-party-task');
    // Each party gets a message of their own, through the API the console uses.
    const detail = await (await context.request.get(`/api/v1/cases/${story.reference}`)).json() as { case: { parties: { id: string; role: string }[] } };
    const csrf = ((await (await context.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
    for (const [role, body] of [['reporter', TO_REPORTER], ['target', TO_TARGET]] as const) {
      const partyId = detail.case.parties.find((party) => party.role === role)?.id;
      const sent = await context.request.post(`/api/v1/cases/${story.reference}/replies`, { data: { partyId, body }, headers: { 'x-csrf-token': csrf } });
      expect(sent.status(), await sent.text()).toBe(201);
    }
    // The target said they do not want action: recorded, and the task closes; the case goes on.
    const wishes = p.getByRole('form', { name: desk('case.wishes.heading') });
    await wishes.getByLabel(desk('case.wishes.wantsAction')).selectOption('no');
    await wishes.getByRole('button', { name: desk('case.wishes.submit') }).click();
    await p.getByText(desk('case.task.contactTarget')).waitFor({ state: 'detached' });
    const timeline = p.getByRole('region', { name: desk('case.timeline.heading') });
    expect(await timeline.getByText(desk('timeline.type.target_wishes_recorded'), { exact: true }).count()).toBe(1);
    await context.close();
  });

  it('the reporter, with JavaScript off, reads only their own thread', async () => {
    onTestFailed(failureScreenshot(() => page, 'third-party-reporter'));
    const { page: p, context } = await statusAs(story.reporterCode);
    await p.getByRole('heading', { level: 1, name: pub('status.case.heading', { reference: story.reference }) }).waitFor();
    const text = (await p.locator('main').textContent()) ?? '';
    expect(text).toContain(TO_REPORTER);
    expect(text).not.toContain(TO_TARGET);
    expect(text).not.toContain('Quiet Wren');
    expect(await violationsWithoutScript(p)).toEqual([]);
    await keepScreenshot(p, 'third-party-reporter');
    await context.close();
  });

  it('the target, with JavaScript off, reads only their own thread and records what may be shared', async () => {
    onTestFailed(failureScreenshot(() => page, 'third-party-target'));
    expect(story.targetCode, 'no code was issued').not.toBe('');
    const { page: p, context } = await statusAs(story.targetCode);
    await p.getByRole('heading', { level: 1, name: pub('status.target.heading', { reference: story.reference }) }).waitFor();
    const text = (await p.locator('main').textContent()) ?? '';
    expect(text).toContain(TO_TARGET);
    for (const hidden of [TO_REPORTER, 'Loud Crow', 'reverts her edits']) expect(text).not.toContain(hidden);
    expect(await violationsWithoutScript(p)).toEqual([]);
    const group = p.getByRole('group', { name: pub('status.consent.audience.trust_and_safety') });
    await group.getByLabel(pub('status.consent.subject.identity')).check();
    await p.getByRole('button', { name: pub('status.consent.submit') }).click();
    await p.getByText(pub('status.consent.saved')).waitFor();
    expect(await p.getByRole('group', { name: pub('status.consent.audience.trust_and_safety') }).getByLabel(pub('status.consent.subject.identity')).isChecked()).toBe(true);
    expect(await p.getByRole('group', { name: pub('status.consent.audience.reported_person') }).getByLabel(pub('status.consent.subject.identity')).isChecked()).toBe(false);
    expect(await violationsWithoutScript(p)).toEqual([]);
    await keepScreenshot(p, 'third-party-target');
    await context.close();
  });

  it('stops a message to the reported person that names the reporter, and sends it with a written reason', async () => {
    onTestFailed(failureScreenshot(() => page, 'leak-guard'));
    const { page: p, context } = await openCase();
    // The handler learns the reporter's account name, then lets it slip in a notice.
    const parties = p.getByRole('form', { name: desk('case.parties.add.heading') });
    await parties.getByLabel(desk('case.parties.add.role')).selectOption('witness');
    await parties.getByLabel(desk('case.parties.add.accountName')).fill('Watching Heron');
    await parties.getByRole('button', { name: desk('case.parties.add.submit') }).click();
    await parties.getByRole('status').filter({ hasText: desk('case.parties.add.done', { name: 'Watching Heron' }) }).waitFor();
    const csrf = ((await (await context.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
    const detail = await (await context.request.get(`/api/v1/cases/${story.reference}`)).json() as { case: { parties: { id: string; role: string }[] } };
    const reporterId = detail.case.parties.find((party) => party.role === 'reporter')?.id ?? '';
    const named = await context.request.patch(`/api/v1/cases/${story.reference}/parties/${reporterId}`, { data: { accountName: 'Kind Robin' }, headers: { 'x-csrf-token': csrf } });
    expect(named.status()).toBe(200);
    await p.reload();

    const form = p.getByRole('form', { name: desk('case.reply.heading.reportedNamed', { name: 'Loud Crow' }) });
    await form.getByLabel(desk('case.reply.body')).fill('A report from K1nd_R0bin says you reverted edits. Please stop.');
    await form.getByRole('button', { name: desk('case.reply.submit') }).click();
    await form.getByText(desk('case.reply.leak.heading')).waitFor();
    expect(await form.locator('.leaks li').textContent()).toContain('K1nd_R0bin');
    expect(await wcagViolations(p)).toEqual([]);
    await keepScreenshot(p, 'leak-guard-stopped');

    await form.getByLabel(desk('case.reply.leak.reason')).fill('The reporter asked us in writing to be named.');
    await form.getByRole('button', { name: desk('case.reply.submit') }).click();
    await form.getByRole('status').filter({ hasText: desk('case.reply.sent') }).waitFor();
    const thread = p.locator('.messages li', { hasText: 'K1nd_R0bin' });
    expect(await thread.locator('.message-delivery').textContent()).toBe(desk('case.message.delivery.by_hand'));
    const timeline = p.getByRole('region', { name: desk('case.timeline.heading') });
    expect(await timeline.getByText(desk('timeline.type.leak_guard_overridden'), { exact: true }).count()).toBe(1);
    await keepScreenshot(p, 'leak-guard-overridden');
    await context.close();
  });
});
