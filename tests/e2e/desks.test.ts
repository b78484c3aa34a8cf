import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  DESKTOP, PHONE, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, wcagViolationsOfHtml, type HavenProcess,
} from '../support/browser.js';
import { desk, pub } from '../support/catalog.js';
import { enrolIfAsked } from '../support/console-second-factor.js';

// A Haven that grows from one desk to two. With one, the console shows no desk column or
// filter; with two, a reporter chooses the community their report is for (no script needed),
// someone on both desks sees each case's desk and can filter by it, and a handler of one desk
// sees nothing of the other's cases, not even by their address.

const PASSWORD = 'a long enough passphrase for desks';
const EVENTS = { slug: 'events', name: 'Events team', reporterName: 'Community events and meet-ups' };

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;
const filed: { main: string[]; events: string[] } = { main: [], events: [] };

async function openPage(options: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, baseURL: haven.url });
  page = await context.newPage();
  return { context, page };
}

async function fileThroughApi(deskSlug: string | undefined, description: string): Promise<string> {
  const response = await fetch(`${haven.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reporterRole: 'target', reportedAccounts: ['Someone Else'], links: ['https://wiki.example.org/wiki/Talk:Example'], language: 'en',
      category: 'hounding', immediateDanger: false, description, ...(deskSlug === undefined ? {} : { desk: deskSlug }),
    }),
  });
  if (response.status !== 201) throw new Error(`intake answered ${response.status}: ${await response.text()}`);
  return (await response.json() as { reference: string }).reference;
}

async function signIn(p: Page, username: string): Promise<void> {
  await p.goto('/desk/');
  await p.getByLabel(desk('signIn.username')).fill(username);
  await p.getByLabel(desk('signIn.password')).fill(PASSWORD);
  await p.getByRole('button', { name: desk('signIn.submit') }).click();
  await enrolIfAsked(p);
  await p.getByRole('heading', { level: 1, name: desk('queue.title') }).waitFor();
}

/** The references in the queue table, top to bottom, once it has loaded. */
async function queueReferences(p: Page): Promise<string[]> {
  const table = p.getByRole('table', { name: desk('queue.caption') });
  await table.waitFor();
  return table.getByRole('link').allTextContents();
}

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff('hana', 'handler', PASSWORD);
  filed.main.push(await fileThroughApi(undefined, 'Filed while there was one desk.'));
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('one desk', () => {
  it('shows a queue with no desk column and no desk filter', async () => {
    onTestFailed(failureScreenshot(() => page, 'desks-one-desk-queue'));
    const { page: p, context } = await openPage(DESKTOP);
    await signIn(p, 'hana');
    expect(await queueReferences(p)).toEqual(filed.main);
    expect(await p.getByRole('columnheader', { name: desk('queue.column.desk') }).count()).toBe(0);
    expect(await p.getByLabel(desk('queue.filter.desk')).count()).toBe(0);
    await context.close();
  });
});

describe('two desks', () => {
  beforeAll(async () => {
    await haven.command(['desk', 'add', '--slug', EVENTS.slug, '--name', EVENTS.name, '--reporter-name', EVENTS.reporterName]);
    await haven.addStaff('eli', 'handler', PASSWORD, EVENTS.slug);
    await haven.addStaff('ada', 'admin', PASSWORD);
    await haven.command(['user', 'grant', '--username', 'ada', '--desk', EVENTS.slug, '--role', 'handler']);
    filed.main.push(await fileThroughApi('main', 'A second report for the main desk.'));
    filed.events.push(await fileThroughApi(EVENTS.slug, 'Harassment at last month\'s meet-up.'));
  });

  it('lets a reporter with JavaScript off choose the community, preselected by a link', async () => {
    onTestFailed(failureScreenshot(() => page, 'desks-reporter-chooses'));
    const { page: p, context } = await openPage({ ...PHONE, javaScriptEnabled: false });
    await p.goto(`/report?desk=${EVENTS.slug}`);
    const choice = p.getByRole('group', { name: pub('report.desk.legend') });
    expect(await choice.getByRole('radio', { name: EVENTS.reporterName }).isChecked()).toBe(true);
    expect(await choice.getByRole('radio', { name: 'Haven' }).isChecked()).toBe(false);
    expect(await p.getByText(EVENTS.name).count()).toBe(0);
    await keepScreenshot(p, 'desks-report-form');
    const form = { url: p.url(), html: await p.content() };
    await p.getByRole('group', { name: pub('report.role.legend') }).getByRole('radio', { name: pub('report.role.target') }).check();
    await p.getByLabel(pub('report.accounts.label'), { exact: true }).fill('Meetup Pest');
    await p.getByLabel(pub('report.links.label'), { exact: true }).fill('https://forum.example.net/thread/42');
    await p.getByLabel(pub('report.description.label')).fill('At the meet-up they followed me to the station.');
    await p.getByLabel(pub('report.category.label')).selectOption({ label: pub('category.off_site') });
    await p.getByRole('group', { name: pub('report.danger.legend') }).getByRole('radio', { name: pub('report.danger.no') }).check();
    await p.getByRole('button', { name: pub('report.submit') }).click();
    await p.getByRole('heading', { level: 1, name: pub('receipt.heading') }).waitFor();
    filed.events.push((await p.locator('.reference').textContent()) ?? '');
    await context.close();
    const checker = await openPage(PHONE);
    expect(await wcagViolationsOfHtml(checker.page, form.url, form.html)).toEqual([]);
    await checker.context.close();
  });

  it('shows someone on both desks each case\'s desk, and filters by desk', async () => {
    onTestFailed(failureScreenshot(() => page, 'desks-both-desks-queue'));
    const { page: p, context } = await openPage(DESKTOP);
    await signIn(p, 'ada');
    expect((await queueReferences(p)).sort()).toEqual([...filed.main, ...filed.events].sort());
    await p.getByRole('columnheader', { name: desk('queue.column.desk') }).waitFor();
    for (const reference of filed.events) {
      const row = p.getByRole('row').filter({ has: p.getByRole('link', { name: reference }) });
      expect(await row.getByRole('cell', { name: EVENTS.name }).count(), reference).toBe(1);
    }
    await keepScreenshot(p, 'desks-queue-both');
    expect(await wcagViolations(p)).toEqual([]);
    await p.getByLabel(desk('queue.filter.desk')).selectOption({ label: EVENTS.name });
    await p.waitForURL(/desk=events/);
    await expect.poll(() => queueReferences(p)).toEqual(expect.arrayContaining(filed.events));
    expect((await queueReferences(p)).sort()).toEqual([...filed.events].sort());
    await context.close();
  });

  it('shows a handler of one desk none of the other\'s cases, not even by their address', async () => {
    onTestFailed(failureScreenshot(() => page, 'desks-handler-of-one'));
    const { page: p, context } = await openPage(DESKTOP);
    await signIn(p, 'eli');
    expect((await queueReferences(p)).sort()).toEqual([...filed.events].sort());
    // Only one desk is theirs: no desk column, no desk filter.
    expect(await p.getByRole('columnheader', { name: desk('queue.column.desk') }).count()).toBe(0);
    expect(await p.getByLabel(desk('queue.filter.desk')).count()).toBe(0);
    await p.goto(`/desk/cases/${filed.main[0] ?? ''}`);
    await p.getByText(desk('case.notFound')).waitFor();
    await context.close();
  });
});
