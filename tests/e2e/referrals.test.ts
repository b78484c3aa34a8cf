import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { DESKTOP, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, type HavenProcess } from '../support/browser.js';
import { desk } from '../support/catalog.js';
import { enrolIfAsked } from '../support/console-second-factor.js';

// Referral and merging, told in order: a handler routes a case to trust and safety and sees what
// the packet would carry and what it leaves out and why; the desk's admin sets the venue's
// address; the handler sends the referral by email and the case waits on the venue. Then the
// handler merges a duplicate into it, and the duplicate's reference leads to the surviving case.
// axe-core checks the case page at each step; screenshots at phone size for a person to look at.

const HANDLER = { username: 'handler-1', password: 'a long handler passphrase' };
const ADMIN = { username: 'admin-1', password: 'a long admin passphrase' };
const PHONE_SIZE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
const VENUE_ADDRESS = 'trust-and-safety@example.org';
const SUMMARY = 'Months of remarks on every talk page the reporter edits; it has spread to other wikis.';

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;
let reference = '';
let duplicate = '';
let unrelated = '';

async function file(description: string, reported = 'Example Hounder'): Promise<string> {
  const response = await fetch(`${haven.url}/api/v1/reports`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reporterRole: 'target', targetAccount: 'Reporter account', reportedAccounts: [reported], links: ['https://wiki.example.org/w/index.php?diff=789'],
      language: 'en', category: 'hounding', immediateDanger: false, description,
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { reference: string }).reference;
}

async function openCase(who: { username: string; password: string }, ref: string, options: BrowserContextOptions = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, baseURL: haven.url });
  const signedIn = await context.request.post('/api/v1/session', { data: { username: who.username, password: who.password } });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  page = await context.newPage();
  await page.goto(`/desk/cases/${encodeURIComponent(ref)}`);
  const panel = page.getByRole('heading', { level: 2, name: desk('referral.heading') });
  // Admins set up a second factor first; the console then goes on to the case.
  await enrolIfAsked(page, panel);
  await panel.waitFor();
  return { context, page };
}

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff(HANDLER.username, 'handler', HANDLER.password);
  await haven.addStaff(ADMIN.username, 'admin', ADMIN.password);
  reference = await file('Small remarks on every talk page I edit, for months, and now on other wikis too.');
  duplicate = await file('The same person again: remarks on my talk page today.');
  unrelated = await file('Someone else entirely reverted my edit with a rude summary.', 'Another Account');
  // Referrals go out while a case is under investigation; the case is put there directly.
  const db = new Database(path.join(haven.dataDir, 'haven.sqlite'), { fileMustExist: true });
  try { db.prepare('UPDATE cases SET status = ? WHERE reference = ?').run('investigating', reference); } finally { db.close(); }
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('referring a case and merging a duplicate', () => {
  it('shows the handler what the packet holds and leaves out, once the case is routed to trust and safety', async () => {
    onTestFailed(failureScreenshot(() => page, 'referral-packet'));
    const { page: p, context } = await openCase(HANDLER, reference, PHONE_SIZE);
    const referral = p.getByRole('region', { name: desk('referral.heading') });
    await referral.getByText(desk('referral.none')).waitFor();
    const routing = p.getByRole('region', { name: desk('routing.heading') });
    await routing.getByLabel(desk('routing.choose.venue'), { exact: true }).selectOption('trust_and_safety');
    await routing.getByLabel(desk('routing.choose.reasonRequired')).fill('It has spread beyond this wiki; the trust and safety team should take it.');
    await routing.getByRole('button', { name: desk('routing.choose.submit') }).click();
    await referral.getByRole('heading', { name: desk('referral.preview.heading', { venue: desk('venue.trust_and_safety') }) }).waitFor();
    // No consent is recorded: who the reporter is stays out, and the panel says why.
    await referral.getByText(desk('referral.item.reporter', { value: desk('referral.notShared') })).waitFor();
    expect(await referral.getByRole('listitem').filter({ hasText: desk('referral.what.reporter_identity') }).getByText(desk('referral.why.no_consent')).count()).toBe(1);
    await referral.getByText(desk('referral.address.missing')).waitFor();
    expect(await wcagViolations(p)).toEqual([]);
    await keepScreenshot(p, 'referral-packet');
    await context.close();
  });

  it('lets the admin set the venue\'s address, and the handler send the referral: the case waits on the venue', async () => {
    onTestFailed(failureScreenshot(() => page, 'referral-sent'));
    const admin = await openCase(ADMIN, reference);
    const adminPanel = admin.page.getByRole('region', { name: desk('referral.heading') });
    await adminPanel.getByLabel(desk('referral.address.label', { venue: desk('venue.trust_and_safety') })).fill(VENUE_ADDRESS);
    await adminPanel.getByRole('button', { name: desk('referral.address.submit') }).click();
    await adminPanel.getByLabel(desk('referral.send.summary')).waitFor();
    await admin.context.close();

    const { page: p, context } = await openCase(HANDLER, reference, PHONE_SIZE);
    const referral = p.getByRole('region', { name: desk('referral.heading') });
    await referral.getByLabel(desk('referral.send.summary')).fill(SUMMARY);
    await referral.getByRole('button', { name: desk('referral.send.submit') }).click();
    await referral.getByText(desk('referral.send.done')).waitFor();
    await referral.getByText(desk('referral.state.waiting')).waitFor();
    // The case's own waiting note names the venue (the rest of it is dates).
    const waitingOn = desk('case.waiting', { who: desk('waitingOn.outside_venue'), since: '', remindAt: '' }).split(' since')[0] ?? '';
    await p.getByText(waitingOn).first().waitFor();
    const timeline = p.getByRole('region', { name: desk('case.timeline.heading') });
    await timeline.getByText(desk('timeline.type.referral_sent'), { exact: true }).waitFor();
    expect(await wcagViolations(p)).toEqual([]);
    await keepScreenshot(p, 'referral-sent');
    // The worker sends it to the venue's address: the summary, never the reporter's words.
    await expect.poll(() => haven.mailFiles().filter((m) => m.includes(VENUE_ADDRESS)).length, { timeout: 15_000 }).toBe(1);
    const mail = haven.mailFiles().find((m) => m.includes(VENUE_ADDRESS)) ?? '';
    expect(mail).toContain(reference);
    expect(mail).not.toContain('now on other wikis too');
    await context.close();
  });

  it('filters the queue to cases whose reported account is also reported elsewhere', async () => {
    onTestFailed(failureScreenshot(() => page, 'linked-filter'));
    const context = await browser.newContext({ ...PHONE_SIZE, baseURL: haven.url });
    expect((await context.request.post('/api/v1/session', { data: HANDLER })).status()).toBe(200);
    page = await context.newPage();
    const p = page;
    await p.goto('/desk');
    const caseLink = (ref: string) => p.getByRole('link', { name: ref });
    await caseLink(unrelated).waitFor();
    await p.getByLabel(desk('queue.filter.linked')).check();
    await expect.poll(() => caseLink(unrelated).count()).toBe(0);
    await caseLink(reference).waitFor();
    await caseLink(duplicate).waitFor();
    expect(new URL(p.url()).searchParams.get('linked')).toBe('true');
    expect(await wcagViolations(p)).toEqual([]);
    await keepScreenshot(p, 'linked-filter');
    await context.close();
  });

  it('merges a duplicate into the case, and the duplicate\'s reference opens the surviving case', async () => {
    onTestFailed(failureScreenshot(() => page, 'merge'));
    const { page: p, context } = await openCase(HANDLER, duplicate, PHONE_SIZE);
    await p.getByText(desk('merge.heading')).click();
    await p.getByLabel(desk('merge.into')).fill(reference);
    await p.getByLabel(desk('merge.reason')).fill('The same reported account and the same talk page.');
    expect(await wcagViolations(p)).toEqual([]);
    await p.getByRole('button', { name: desk('merge.submit') }).click();
    await p.getByText(desk('merge.redirected', { from: duplicate, into: reference })).waitFor();
    await p.getByRole('heading', { level: 1, name: reference }).waitFor();
    const timeline = p.getByRole('region', { name: desk('case.timeline.heading') });
    await timeline.getByText(desk('timeline.type.case_merged_in'), { exact: true }).waitFor();
    expect(await wcagViolations(p)).toEqual([]);
    await keepScreenshot(p, 'merged');

    await p.goto(`/desk/cases/${encodeURIComponent(duplicate)}`);
    await p.getByText(desk('merge.redirected', { from: duplicate, into: reference })).waitFor();
    expect(new URL(p.url()).pathname).toBe(`/desk/cases/${encodeURIComponent(reference)}`);
    await context.close();
  });
});
