import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { decodeQuotedPrintable, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, type HavenProcess } from '../support/browser.js';
import { desk } from '../support/catalog.js';
import { enrolIfAsked } from '../support/console-second-factor.js';
import { authenticatorCode } from '../support/totp-code.js';

// An admin sets up their second factor, requires one on the desk and invites a handler; the
// handler follows the emailed link, chooses a password, sets up TOTP and signs in again with
// a code. The admin then deactivates them, and the handler's open console is signed out on
// its next request. Every screen passes axe-core, at phone size.

const PHONE_390: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
const ADMIN_PASSWORD = 'an admin passphrase long enough';
const HANDLER_PASSWORD = 'the handler chose this one';

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;
let adminContext: BrowserContext;
let handlerContext: BrowserContext;
let admin: Page;
let handler: Page;
let handlerKey: { secret: string; usedAt: Date } | null = null;

async function expectAccessible(p: Page, name: string): Promise<void> {
  await keepScreenshot(p, name);
  expect(await wcagViolations(p), name).toEqual([]);
}

async function invitationLink(username: string): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    const mail = haven.mailFiles().map(decodeQuotedPrintable).find((m) => m.includes(username) && m.includes('/desk/invitation#'));
    const link = mail === undefined ? undefined : /(http\S+\/desk\/invitation#\S+)/.exec(mail)?.[1];
    if (link !== undefined) return link;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no invitation email for ${username}`);
}

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff('morgan', 'admin', ADMIN_PASSWORD);
  adminContext = await browser.newContext({ ...PHONE_390, baseURL: haven.url });
  handlerContext = await browser.newContext({ ...PHONE_390, baseURL: haven.url });
  admin = await adminContext.newPage();
  handler = await handlerContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('staff accounts in the console', () => {
  it('asks an admin to set up a second factor before the console opens', async () => {
    page = admin;
    onTestFailed(failureScreenshot(() => page, 'accounts-admin-enrol'));
    await admin.goto('/desk/');
    await admin.getByLabel(desk('signIn.username')).fill('morgan');
    await admin.getByLabel(desk('signIn.password')).fill(ADMIN_PASSWORD);
    await admin.getByRole('button', { name: desk('signIn.submit') }).click();
    await admin.getByTestId('totp-secret').waitFor();
    await expectAccessible(admin, 'accounts-admin-enrol');
    // Nothing of the console is reachable yet: no navigation.
    expect(await admin.getByRole('navigation').count()).toBe(0);
    expect(await enrolIfAsked(admin)).not.toBeNull();
    await admin.getByRole('heading', { level: 1, name: desk('queue.title') }).waitFor();
  });

  it('lets the admin require a second factor on the desk and invite a handler', async () => {
    page = admin;
    onTestFailed(failureScreenshot(() => page, 'accounts-staff-page'));
    await admin.getByRole('navigation').getByRole('link', { name: desk('nav.staff') }).click();
    await admin.getByRole('heading', { level: 1, name: desk('staff.heading') }).waitFor();
    const requirement = admin.getByRole('checkbox', { name: desk('staff.requireSecondFactor', { desk: 'Haven' }) });
    // Saved on the server first, then shown: the box ticks once the list comes back.
    await requirement.click();
    await admin.getByText(desk('staff.saved')).waitFor();
    await expect.poll(() => requirement.isChecked()).toBe(true);
    await admin.getByLabel(desk('staff.username'), { exact: true }).fill('sky');
    await admin.getByLabel(desk('staff.email')).fill('sky@example.org');
    await admin.getByLabel(desk('staff.role'), { exact: true }).selectOption('handler');
    await admin.getByRole('button', { name: desk('staff.invite') }).click();
    await admin.getByText(desk('staff.invited', { username: 'sky' })).waitFor();
    await expectAccessible(admin, 'accounts-staff-page');
  });

  it('lets the invitee choose a password, set up TOTP, and sign in again with a code', async () => {
    page = handler;
    onTestFailed(failureScreenshot(() => page, 'accounts-invitee'));
    const link = await invitationLink('sky');
    await handler.goto(link);
    await handler.getByRole('heading', { level: 1, name: desk('invitation.heading') }).waitFor();
    // The token left the address bar as soon as the page read it.
    expect(handler.url()).not.toContain('#');
    await expectAccessible(handler, 'accounts-invitation');
    await handler.getByLabel(desk('invitation.password'), { exact: true }).fill(HANDLER_PASSWORD);
    await handler.getByLabel(desk('invitation.confirm')).fill(HANDLER_PASSWORD);
    await handler.getByRole('button', { name: desk('invitation.submit') }).click();
    // The desk requires a second factor of everyone now.
    await handler.getByTestId('totp-secret').waitFor();
    handlerKey = await enrolIfAsked(handler);
    expect(handlerKey).not.toBeNull();
    await handler.getByRole('heading', { level: 1, name: desk('queue.title') }).waitFor();

    await handler.getByRole('button', { name: desk('nav.signOut') }).click();
    await handler.getByLabel(desk('signIn.username')).fill('sky');
    await handler.getByLabel(desk('signIn.password')).fill(HANDLER_PASSWORD);
    await handler.getByRole('button', { name: desk('signIn.submit') }).click();
    await handler.getByRole('heading', { level: 1, name: desk('secondFactor.codeHeading') }).waitFor();
    await expectAccessible(handler, 'accounts-code');
    // The code enrolment used is spent; the app's next one is accepted.
    const key = handlerKey ?? { secret: '', usedAt: new Date() };
    await handler.getByLabel(desk('secondFactor.code')).fill(authenticatorCode(key.secret, key.usedAt, 1));
    await handler.getByRole('button', { name: desk('secondFactor.submit') }).click();
    await handler.getByRole('heading', { level: 1, name: desk('queue.title') }).waitFor();
  });

  it('signs a deactivated handler\'s open console out on its next request', async () => {
    page = admin;
    onTestFailed(failureScreenshot(() => page, 'accounts-deactivate'));
    await admin.reload();
    await admin.getByRole('button', { name: desk('staff.deactivate', { username: 'sky' }) }).click();
    await admin.getByRole('button', { name: desk('staff.reactivate', { username: 'sky' }) }).waitFor();
    await keepScreenshot(admin, 'accounts-deactivated');

    page = handler;
    await handler.getByRole('navigation').getByRole('link', { name: desk('nav.account') }).click();
    await handler.getByRole('navigation').getByRole('link', { name: desk('nav.queue') }).click();
    await handler.getByRole('heading', { level: 1, name: desk('signIn.heading') }).waitFor();
    await handler.getByText(desk('signIn.notice.sessionEnded')).waitFor();
    await expectAccessible(handler, 'accounts-signed-out');
  });
});
