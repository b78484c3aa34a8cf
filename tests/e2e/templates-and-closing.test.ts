import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  DESKTOP, PHONE, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, wcagViolationsOfHtml, type HavenProcess,
} from '../support/browser.js';
import { enrolIfAsked } from '../support/console-second-factor.js';
import { desk, pub } from '../support/catalog.js';

// A reply from a template and a close, told in order: a handler starts the first answer from the
// desk's acknowledgement template, writes the blanks for this person, promises a date, and the
// reporter reads it on /status with JavaScript off; a reply sent as the template stands is
// flagged and goes only with "send anyway"; a non-actionable close without next steps is
// refused, then succeeds, and the reporter reads the next steps on /status.

const HANDLER = { username: 'ash', password: 'a long handler passphrase for templates' };
const ADMIN = { username: 'oak', password: 'a long admin passphrase for templates' };
const PHONE_390 = { ...PHONE, viewport: { width: 390, height: 844 } };
const ACK = 'First answer: we have your report';
const PERSONAL = 'Someone has been undoing your edits to the river articles and writing about you on their talk pages.';
const FIRST = 'the history of the three articles you named';
const NEXT_STEPS = 'Keep a note of any new edits, and write to us here if it starts again. The community noticeboard can also help.';
const DAY_MS = 86_400_000;

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;

function plain(value: string | null): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

async function fileReport(description: string): Promise<{ reference: string; accessCode: string }> {
  const response = await fetch(`${haven.url}/api/v1/reports`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reporterRole: 'target', reportedAccounts: ['Example Reverter'], language: 'en', category: 'hounding', immediateDanger: false, description }),
  });
  if (response.status !== 201) throw new Error(`intake answered ${response.status}`);
  return (await response.json()) as { reference: string; accessCode: string };
}

async function openCase(reference: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...DESKTOP, baseURL: haven.url, timezoneId: 'UTC' });
  const signedIn = await context.request.post('/api/v1/session', { data: HANDLER });
  expect(signedIn.status()).toBe(200);
  page = await context.newPage();
  await page.goto(`/desk/cases/${encodeURIComponent(reference)}`);
  await page.getByRole('heading', { level: 2, name: desk('case.conversation.heading') }).waitFor();
  return { context, page };
}

/** Signs in on /status with JavaScript off, at phone size, and checks the page with axe. */
async function readStatus(code: string, reference: string, shot: string): Promise<{ page: Page; context: BrowserContext; text: string }> {
  const context = await browser.newContext({ ...PHONE_390, javaScriptEnabled: false, baseURL: haven.url });
  const p = (page = await context.newPage());
  await p.goto('/status');
  await p.getByLabel(pub('status.code.label')).fill(code);
  await p.getByRole('button', { name: pub('status.code.submit') }).click();
  await p.getByRole('heading', { level: 1, name: pub('status.case.heading', { reference }) }).waitFor();
  await keepScreenshot(p, shot);
  const checker = await browser.newPage({ baseURL: haven.url });
  expect(await wcagViolationsOfHtml(checker, p.url(), await p.content())).toEqual([]);
  await checker.close();
  return { page: p, context, text: plain(await p.locator('main').textContent()) };
}

/** Three days from now at 15:00 UTC, as the promise input takes it in a UTC browser. */
function promise(): { input: string; instant: Date } {
  const day = new Date(Date.now() + 3 * DAY_MS).toISOString().slice(0, 10);
  return { input: `${day}T15:00`, instant: new Date(`${day}T15:00:00Z`) };
}

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff(HANDLER.username, 'handler', HANDLER.password);
  await haven.addStaff(ADMIN.username, 'admin', ADMIN.password);
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('replies from a template', () => {
  it('sends a personalised acknowledgement with a promise date, and the reporter reads it on /status without JavaScript', async () => {
    onTestFailed(failureScreenshot(() => page, 'template-personalised'));
    const filed = await fileReport('An account undoes every edit I make on river articles and comments about me.');
    const { page: p, context } = await openCase(filed.reference);
    const form = p.getByRole('form', { name: desk('case.reply.heading.reporter') });
    const when = promise();
    await form.getByLabel(desk('case.reply.promise')).fill(when.input);
    await form.getByLabel(desk('case.reply.template')).selectOption({ label: ACK });
    await form.getByRole('button', { name: desk('case.reply.templateUse') }).click();
    const body = form.getByLabel(desk('case.reply.body'));
    const started = await body.inputValue();
    expect(started).toContain(filed.reference);
    expect(started).toContain(HANDLER.username);
    expect(started).toContain('[what you will look at first]');
    expect(await wcagViolations(p)).toEqual([]);
    await body.fill(started.replace('[what you understood from the report, in a sentence or two]', PERSONAL).replace('[what you will look at first]', FIRST));
    await form.getByRole('button', { name: desk('case.reply.submit') }).click();
    await expect.poll(async () => plain(await form.getByRole('status').textContent()), { timeout: 10_000 }).toContain(desk('case.reply.sent').slice(0, 10));
    await keepScreenshot(p, 'template-personalised-sent');
    await context.close();

    const reporter = await readStatus(filed.accessCode, filed.reference, 'template-personalised-status');
    expect(reporter.text).toContain(PERSONAL);
    expect(reporter.text).toContain(FIRST);
    expect(reporter.text).not.toContain('[what');
    // The promised date, as the template wrote it (UTC) and as the status page states it.
    expect(reporter.text).toContain(plain(new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(when.instant)));
    expect(reporter.text).toContain(plain(pub('status.next.update', { date: `${new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(when.instant)} UTC` })));
    await reporter.context.close();
  });

  it('flags a template sent as it stands, and sends it only with "send anyway", which the timeline records', async () => {
    onTestFailed(failureScreenshot(() => page, 'template-boilerplate'));
    const filed = await fileReport('Someone keeps posting about me on other talk pages.');
    const { page: p, context } = await openCase(filed.reference);
    const form = p.getByRole('form', { name: desk('case.reply.heading.reporter') });
    // With a promised date, the template leaves no variable for the handler: only its blanks.
    await form.getByLabel(desk('case.reply.promise')).fill(promise().input);
    await form.getByLabel(desk('case.reply.template')).selectOption({ label: ACK });
    await form.getByRole('button', { name: desk('case.reply.templateUse') }).click();
    await form.getByRole('button', { name: desk('case.reply.submit') }).click();
    await form.getByText(desk('case.reply.boilerplate'), { exact: true }).waitFor();
    expect(await p.locator('.messages li').count()).toBe(0);
    await keepScreenshot(p, 'template-boilerplate-warning');
    expect(await wcagViolations(p)).toEqual([]);
    await form.getByRole('button', { name: desk('case.reply.sendAnyway') }).click();
    const timeline = p.getByRole('region', { name: desk('case.timeline.heading') });
    await timeline.getByText(desk('timeline.type.boilerplate_confirmed'), { exact: true }).waitFor();
    expect(await p.getByText(desk('case.message.boilerplateConfirmed'), { exact: true }).count()).toBe(1);
    await context.close();
  });
});

describe('closing a case', () => {
  it('refuses a non-actionable close without next steps, then closes with them, and the reporter reads them on /status', async () => {
    onTestFailed(failureScreenshot(() => page, 'close-non-actionable'));
    const filed = await fileReport('Two rude comments on an article talk page, a month ago.');
    const { page: p, context } = await openCase(filed.reference);
    const form = p.getByRole('form', { name: desk('case.close.heading') });
    await form.getByLabel(desk('case.close.outcome')).selectOption('non_actionable');
    await form.getByLabel(desk('case.close.summary')).fill('Two rude comments on a talk page.');
    await form.getByLabel(desk('case.close.findings')).fill('The comments were rude but not harassment, and stopped a month ago.');
    await form.getByRole('textbox', { name: /Closing message to/ }).fill('I read both comments you linked. I am sorry: we cannot act on them, and here is why.');
    await form.getByRole('button', { name: desk('case.close.submit') }).click();
    await form.getByText(desk('case.close.error.next_steps_missing'), { exact: true }).waitFor();
    await keepScreenshot(p, 'close-refused');
    expect(await wcagViolations(p)).toEqual([]);

    await form.getByLabel(desk('case.close.nextSteps')).fill(NEXT_STEPS);
    await form.getByRole('button', { name: desk('case.close.submit') }).click();
    await p.getByRole('heading', { level: 2, name: desk('case.closing.heading') }).waitFor();
    expect(plain(await p.locator('.closing-record').textContent())).toContain(HANDLER.username);
    await keepScreenshot(p, 'close-done');
    expect(await wcagViolations(p)).toEqual([]);
    await context.close();

    const reporter = await readStatus(filed.accessCode, filed.reference, 'close-status');
    expect(reporter.text).toContain(pub('status.closed.heading'));
    expect(reporter.text).toContain(plain(pub('status.outcome.non_actionable')));
    expect(reporter.text).toContain(plain(NEXT_STEPS));
    expect(reporter.text).not.toContain('not harassment');
    await reporter.context.close();
  });
});

describe('the templates page', () => {
  it('lets a desk admin read the shipped templates and add one, and passes axe', async () => {
    onTestFailed(failureScreenshot(() => page, 'templates-page'));
    const context = await browser.newContext({ ...DESKTOP, baseURL: haven.url });
    expect((await context.request.post('/api/v1/session', { data: ADMIN })).status()).toBe(200);
    const p = (page = await context.newPage());
    await p.goto('/desk/templates');
    // Admins set up a second factor first; then the console opens the page asked for.
    const ack = p.getByRole('heading', { level: 2, name: ACK });
    if ((await enrolIfAsked(p, ack)) !== null) await p.goto('/desk/templates');
    await ack.waitFor();
    expect(await wcagViolations(p)).toEqual([]);
    await p.getByLabel(desk('templates.name')).fill('Thanks for the diffs');
    await p.getByLabel(desk('templates.purpose')).selectOption('update');
    await p.getByLabel(desk('templates.body')).fill('Hello {recipientName}, I looked at [which diffs you read] and will write by {promiseDate}.');
    await p.getByRole('button', { name: desk('templates.add') }).click();
    await p.getByRole('heading', { level: 2, name: 'Thanks for the diffs' }).waitFor();
    await keepScreenshot(p, 'templates-page');
    expect(await wcagViolations(p)).toEqual([]);
    await context.close();
  });
});
