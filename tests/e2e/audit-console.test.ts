import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, type HavenProcess } from '../support/browser.js';
import { desk } from '../support/catalog.js';
import { enrolIfAsked } from '../support/console-second-factor.js';

// A handler opens a case; the desk's admin then reads the case's audit trail and the
// handler's, in the console at phone size, and sees the chain's state. Axe-clean.

const PHONE_390: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
const ADMIN = { username: 'admin-1', password: 'an admin passphrase long enough' };
const HANDLER = { username: 'handler-1', password: 'a handler passphrase long enough' };

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;
let reference = '';

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff(ADMIN.username, 'admin', ADMIN.password);
  await haven.addStaff(HANDLER.username, 'handler', HANDLER.password);
  const filed = await fetch(`${haven.url}/api/v1/reports`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reporterRole: 'target', reportedAccounts: ['Reported Account'], links: ['https://wiki.example.org/w/index.php?diff=321'],
      language: 'en', category: 'hounding', immediateDanger: false, description: 'Remarks on my talk page after every edit.',
    }),
  });
  expect(filed.status).toBe(201);
  reference = ((await filed.json()) as { reference: string }).reference;
  // The handler opens the case through the API, as the console would.
  const handler = await browser.newContext({ baseURL: haven.url });
  expect((await handler.request.post('/api/v1/session', { data: HANDLER })).status()).toBe(200);
  expect((await handler.request.get(`/api/v1/cases/${reference}`)).status()).toBe(200);
  await handler.close();
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('the audit trail in the console', () => {
  it('shows an admin who viewed a case, and what one staff member did, with the chain intact', async () => {
    const context = await browser.newContext({ ...PHONE_390, baseURL: haven.url });
    const p = await context.newPage();
    page = p;
    onTestFailed(failureScreenshot(() => page, 'audit-console'));
    await p.goto('/desk/');
    await p.getByLabel(desk('signIn.username')).fill(ADMIN.username);
    await p.getByLabel(desk('signIn.password')).fill(ADMIN.password);
    await p.getByRole('button', { name: desk('signIn.submit') }).click();
    await enrolIfAsked(p);
    await p.getByRole('heading', { level: 1, name: desk('queue.title') }).waitFor();

    await p.getByRole('navigation').getByRole('link', { name: desk('nav.audit') }).click();
    await p.getByRole('heading', { level: 1, name: desk('audit.heading') }).waitFor();
    await p.getByLabel(desk('audit.caseLabel')).fill(reference.toLowerCase());
    await p.getByRole('button', { name: desk('audit.showCase') }).click();
    await p.getByRole('heading', { level: 2, name: desk('audit.ofCase', { reference }) }).waitFor();
    const rows = p.getByRole('table', { name: desk('audit.caption') }).getByRole('row');
    await rows.filter({ hasText: 'case.viewed' }).filter({ hasText: HANDLER.username }).waitFor();
    await rows.filter({ hasText: 'case.reported' }).waitFor();
    await p.getByText(/The audit log is intact/).waitFor();
    await keepScreenshot(p, 'audit-console-case');
    expect(await wcagViolations(p), 'audit-console-case').toEqual([]);

    await p.getByLabel(desk('audit.staffLabel')).selectOption({ label: HANDLER.username });
    await p.getByRole('button', { name: desk('audit.showStaff') }).click();
    await p.getByRole('heading', { level: 2, name: desk('audit.ofStaff', { username: HANDLER.username }) }).waitFor();
    await rows.filter({ hasText: 'staff.signed_in' }).waitFor();
    await rows.filter({ hasText: 'case.viewed' }).filter({ hasText: reference }).waitFor();
    await keepScreenshot(p, 'audit-console-staff');
    expect(await wcagViolations(p), 'audit-console-staff').toEqual([]);
    // From the case itself, an admin reaches the same trail.
    await p.goto(`/desk/cases/${encodeURIComponent(reference)}`);
    await p.getByRole('link', { name: desk('case.auditTrail') }).click();
    await p.getByRole('heading', { level: 2, name: desk('audit.ofCase', { reference }) }).waitFor();
    await rows.filter({ hasText: 'case.viewed' }).filter({ hasText: ADMIN.username }).first().waitFor();
    await context.close();
  });
});
