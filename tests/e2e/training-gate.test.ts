import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { DESKTOP, PHONE, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, type HavenProcess } from '../support/browser.js';
import { desk } from '../support/catalog.js';
import { enrolIfAsked } from '../support/console-second-factor.js';
import { loadModule } from '../../src/training/load-catalog.js';

// An admin requires the first training module before anyone takes cases; a new handler who
// has not done it is refused a case, and the refusal leads them to the training.

const PASSWORD = 'a long enough passphrase';
const MODULE = loadModule(fileURLToPath(new URL('../../content/training/handling-harassment-reports', import.meta.url)));
const TITLE = MODULE.titles.get('en')!;

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;

async function signedIn(username: string, options: BrowserContextOptions): Promise<{ context: BrowserContext; p: Page }> {
  const context = await browser.newContext({ ...options, baseURL: haven.url });
  const p = await context.newPage();
  page = p;
  await p.goto('/desk/');
  await p.getByLabel(desk('signIn.username')).fill(username);
  await p.getByLabel(desk('signIn.password')).fill(PASSWORD);
  await p.getByRole('button', { name: desk('signIn.submit') }).click();
  await enrolIfAsked(p);
  await p.getByRole('heading', { level: 1, name: desk('queue.title') }).waitFor();
  return { context, p };
}

async function fileReport(): Promise<string> {
  const response = await fetch(`${haven.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reporterRole: 'target', reportedAccounts: ['Someone Else'], links: [], language: 'en', category: 'hounding', immediateDanger: false,
      description: 'Replies to every comment I make, with insults, for a week now.',
    }),
  });
  if (response.status !== 201) throw new Error(`intake answered ${response.status}: ${await response.text()}`);
  return (await response.json() as { reference: string }).reference;
}

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff('amara', 'admin', PASSWORD);
  await haven.addStaff('new-handler', 'handler', PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('training required before taking cases', () => {
  it('an admin requires the first module in the console', async () => {
    const { context, p } = await signedIn('amara', DESKTOP);
    onTestFailed(failureScreenshot(() => page, 'training-gate-admin'));
    await p.getByRole('navigation').getByRole('link', { name: desk('nav.training') }).click();
    await p.getByRole('heading', { level: 2, name: desk('training.require.heading') }).waitFor();
    const box = p.getByRole('group', { name: desk('training.require.legend') }).getByRole('checkbox', { name: TITLE });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await p.getByText(desk('training.require.saved', { title: TITLE })).waitFor();
    // Saved on the server, not only on the page.
    await p.reload();
    await p.getByRole('heading', { level: 2, name: desk('training.require.heading') }).waitFor();
    expect(await p.getByRole('checkbox', { name: TITLE }).isChecked()).toBe(true);
    await keepScreenshot(p, 'training-gate-admin');
    expect(await wcagViolations(p)).toEqual([]);
    await context.close();
  });

  it('an untrained handler is refused a case and finds the way to the training from the message', async () => {
    const reference = await fileReport();
    const { context, p } = await signedIn('new-handler', PHONE);
    onTestFailed(failureScreenshot(() => page, 'training-gate-handler'));
    await p.goto(`/desk/cases/${reference}`);
    await p.getByRole('button', { name: desk('case.assign') }).click();
    await p.getByText(desk('case.claim.trainingRequired')).waitFor();
    const link = p.getByRole('link', { name: desk('case.claim.trainingLink', { title: TITLE }) });
    await keepScreenshot(p, 'training-gate-refused');
    expect(await wcagViolations(p)).toEqual([]);
    // Still unassigned: the button is there to press once the training is done.
    expect(await p.getByRole('button', { name: desk('case.assign') }).count()).toBe(1);
    await link.click();
    await p.waitForURL(new RegExp(`/training/${MODULE.id}`));
    await p.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await context.close();
  });
});
