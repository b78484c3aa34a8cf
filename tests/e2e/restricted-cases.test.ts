import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { PHONE, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, type HavenProcess } from '../support/browser.js';
import { desk } from '../support/catalog.js';
import { enrolIfAsked } from '../support/console-second-factor.js';

// A case restricted to the escalation group does not exist for a plain handler: it is not in
// their queue or their search, and its address answers exactly as a reference that was never
// used. The escalation member who restricted it still sees it. Phone-sized, axe-clean.

const PASSWORD = 'a long enough passphrase for groups';
const SHOTS = '/tmp/shots-groups';

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;
const filed: { restricted: string; open: string } = { restricted: '', open: '' };

async function fileThroughApi(description: string): Promise<string> {
  const response = await fetch(`${haven.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reporterRole: 'target', reportedAccounts: ['Someone Else'], links: [], language: 'en', category: 'hounding', immediateDanger: false, description,
    }),
  });
  if (response.status !== 201) throw new Error(`intake answered ${response.status}: ${await response.text()}`);
  return (await response.json() as { reference: string }).reference;
}

/** Signs in through the API (as the console would) and returns the cookie and CSRF token. */
async function apiSession(username: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${haven.url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: (await response.json() as { csrfToken: string }).csrfToken };
}

async function signIn(p: Page, username: string): Promise<void> {
  await p.goto('/desk/');
  await p.getByLabel(desk('signIn.username')).fill(username);
  await p.getByLabel(desk('signIn.password')).fill(PASSWORD);
  await p.getByRole('button', { name: desk('signIn.submit') }).click();
  await enrolIfAsked(p);
  await p.getByRole('heading', { level: 1, name: desk('queue.title') }).waitFor();
}

async function queueReferences(p: Page): Promise<string[]> {
  const table = p.getByRole('table', { name: desk('queue.caption') });
  await table.waitFor();
  return table.getByRole('link').allTextContents();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff('plain-handler', 'handler', PASSWORD);
  await haven.addStaff('on-call', 'escalation', PASSWORD);
  filed.restricted = await fileThroughApi('A report about a hidden marsh harrier that only the escalation team may see.');
  filed.open = await fileThroughApi('A report about a marsh harrier that the whole desk may see.');
  // The escalation member restricts the first case to the desk's escalation group (they are in
  // it by their role), through the same API the console's control uses.
  const onCall = await apiSession('on-call');
  const groups = await (await fetch(`${haven.url}/api/v1/groups`, { headers: { cookie: onCall.cookie } })).json() as { groups: { id: string; escalation: boolean }[] };
  const escalation = groups.groups.find((g) => g.escalation);
  if (escalation === undefined) throw new Error('the desk has no escalation group');
  const restricted = await fetch(`${haven.url}/api/v1/cases/${filed.restricted}/restriction`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: onCall.cookie, 'x-csrf-token': onCall.csrf },
    body: JSON.stringify({ group: escalation.id }),
  });
  if (restricted.status !== 200) throw new Error(`restriction answered ${restricted.status}: ${await restricted.text()}`);
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('a restricted case and a plain handler', () => {
  it('is absent from their queue and search, and answers 404 by reference exactly as a case that never existed', async () => {
    onTestFailed(failureScreenshot(() => page, 'restricted-handler-queue'));
    const context = await browser.newContext({ ...PHONE, baseURL: haven.url });
    const p = await context.newPage();
    page = p;
    await signIn(p, 'plain-handler');
    const queue = await queueReferences(p);
    expect(queue).toContain(filed.open);
    expect(queue).not.toContain(filed.restricted);
    await keepScreenshot(p, 'restricted-handler-queue');
    await p.screenshot({ path: `${SHOTS}/handler-queue-phone.png`, fullPage: true });
    expect(await wcagViolations(p)).toEqual([]);

    // Search, through the console's own session.
    const found = await p.request.get('/api/v1/cases?limit=100&q=harrier');
    expect(found.status()).toBe(200);
    const references = (await found.json() as { cases: { reference: string }[] }).cases.map((c) => c.reference);
    expect(references).toEqual([filed.open]);

    // By reference: the same answer as a reference never used, in the API and on the page.
    const never = await p.request.get('/api/v1/cases/HV-2026-999999');
    const hidden = await p.request.get(`/api/v1/cases/${filed.restricted}`);
    expect(hidden.status()).toBe(404);
    expect(await hidden.text()).toBe(await never.text());
    await p.goto(`/desk/cases/${filed.restricted}`);
    await p.getByText(desk('case.notFound')).waitFor();
    await keepScreenshot(p, 'restricted-handler-case');
    await p.screenshot({ path: `${SHOTS}/handler-case-404-phone.png`, fullPage: true });
    expect(await wcagViolations(p)).toEqual([]);
    await context.close();
  });

  it('stays open to the escalation member, who sees who may see it', async () => {
    onTestFailed(failureScreenshot(() => page, 'restricted-escalation-case'));
    const context = await browser.newContext({ ...PHONE, baseURL: haven.url });
    const p = await context.newPage();
    page = p;
    await signIn(p, 'on-call');
    expect(await queueReferences(p)).toContain(filed.restricted);
    await p.goto(`/desk/cases/${filed.restricted}`);
    const heading = p.getByRole('heading', { name: desk('case.access.heading') });
    await heading.waitFor();
    await p.getByText(desk('case.access.restricted', { group: 'Escalation' })).waitFor();
    await heading.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/escalation-access-panel-phone.png` });
    expect(await wcagViolations(p)).toEqual([]);
    await context.close();
  });
});
