import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  PHONE, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, wcagViolationsOfHtml, type HavenProcess,
} from '../support/browser.js';
import { desk, pub } from '../support/catalog.js';

// A reporter, with JavaScript off, files a third-party report with a link marked private. A
// handler then works the people of the report from the console on a phone: names a
// second reported person and the target, gives the reporter's account name, records what the
// reporter agreed may be shared, marks a link as personal information, and writes to the
// reported person: a message that names the reporter is stopped, and goes with a reason.

const HANDLER = { username: 'handler-1', password: 'a long handler passphrase' };
const PHONE_SIZE = { ...PHONE, viewport: { width: 390, height: 844 } };
const SHOTS = '/tmp/shots-partyui';
const LINK = 'https://wiki.example.org/w/index.php?title=User_talk:Quiet_Wren&diff=1234';
const PRIVATE_LINK = 'https://chat.example.org/private/crow-about-wren';

let haven: HavenProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page | undefined;
let reference = '';

/** A phone-sized picture of one part of the page (the whole case page is too long to look at). */
async function shot(p: Page, name: string, part: Locator): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await part.screenshot({ path: `${SHOTS}/${name}.png` });
  await keepScreenshot(p, name);
}

function opened(): Page {
  if (page === undefined) throw new Error('The case page is not open.');
  return page;
}

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff(HANDLER.username, 'handler', HANDLER.password);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await haven?.stop();
});

describe('a reporter on /report, with JavaScript off', () => {
  it('marks a link as private: only the team may see it', async () => {
    onTestFailed(failureScreenshot(() => page, 'report-private-link'));
    const reporter = await browser.newContext({ ...PHONE_SIZE, javaScriptEnabled: false, baseURL: haven.url });
    const p = await reporter.newPage();
    page = p;
    await p.goto('/report');
    await p.getByRole('group', { name: pub('report.role.legend') }).getByRole('radio', { name: pub('report.role.third_party') }).check();
    await p.getByLabel(pub('report.accounts.label'), { exact: true }).fill('Loud Crow');
    await p.getByLabel(pub('report.links.label')).fill(LINK);
    await p.getByLabel(pub('report.privateLinks.label')).fill(PRIVATE_LINK);
    await p.getByLabel(pub('report.description.label')).fill('Loud Crow and a friend follow another editor to every article and revert her edits.');
    await p.getByLabel(pub('report.category.label')).selectOption({ label: pub('category.hounding') });
    await p.getByRole('group', { name: pub('report.danger.legend') }).getByRole('radio', { name: pub('report.danger.no') }).check();
    await shot(p, 'report-private-links', p.locator('.field').filter({ has: p.getByLabel(pub('report.privateLinks.label')) }));
    const checker = await browser.newContext({ ...PHONE_SIZE, baseURL: haven.url });
    expect(await wcagViolationsOfHtml(await checker.newPage(), p.url(), await p.content())).toEqual([]);
    await checker.close();
    await p.getByRole('button', { name: pub('report.submit') }).click();
    reference = (await p.locator('strong.reference').textContent()) ?? '';
    expect(reference).toMatch(/^HV-\d{4}-\d{6}$/);
    await reporter.close();
  });
});

async function openCase(): Promise<void> {
  context = await browser.newContext({ ...PHONE_SIZE, baseURL: haven.url });
  const signedIn = await context.request.post('/api/v1/session', { data: HANDLER });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  page = await context.newPage();
  await page.goto(`/desk/cases/${encodeURIComponent(reference)}`);
  await page.getByRole('heading', { level: 2, name: desk('case.parties.heading') }).waitFor();
}

describe('the parties panel', () => {
  it('adds a second reported person and the target, and refuses a second target beside the role field', async () => {
    onTestFailed(failureScreenshot(() => page, 'parties-add'));
    expect(reference, 'no report was filed').not.toBe('');
    await openCase();
    const p = opened();
    await p.getByText(desk('case.task.addTargetFirst')).waitFor();
    const add = p.getByRole('form', { name: desk('case.parties.add.heading') });
    // Nothing named: the form says so beside the account name, and sends nothing.
    await add.getByRole('button', { name: desk('case.parties.add.submit') }).click();
    await add.getByText(desk('case.parties.error.nameNeeded')).waitFor();
    expect(await add.getByLabel(desk('case.parties.add.accountName')).getAttribute('aria-invalid')).toBe('true');

    await add.getByLabel(desk('case.parties.add.role')).selectOption('reported');
    await add.getByLabel(desk('case.parties.add.accountName')).fill('Quiet Crow');
    await add.getByRole('button', { name: desk('case.parties.add.submit') }).click();
    await add.getByRole('status').filter({ hasText: desk('case.parties.add.done', { name: 'Quiet Crow' }) }).waitFor();

    await add.getByLabel(desk('case.parties.add.role')).selectOption('target');
    await add.getByLabel(desk('case.parties.add.accountName')).fill('Quiet Wren');
    await add.getByLabel(desk('case.parties.add.contactEmail')).fill('wren@example.org');
    await add.getByRole('button', { name: desk('case.parties.add.submit') }).click();
    await add.getByRole('status').filter({ hasText: desk('case.parties.add.done', { name: 'Quiet Wren' }) }).waitFor();
    const people = p.getByRole('region', { name: desk('case.parties.heading') });
    const wren = people.getByRole('listitem').filter({ hasText: 'Quiet Wren' });
    await wren.getByText(desk('case.parties.hasEmail')).waitFor();
    // The address itself never comes back to the console.
    expect(await p.locator('main').textContent()).not.toContain('wren@example.org');
    // With a target named, the task offers their code.
    await p.getByRole('button', { name: desk('case.task.issueCode') }).waitFor();

    await add.getByLabel(desk('case.parties.add.role')).selectOption('target');
    await add.getByLabel(desk('case.parties.add.accountName')).fill('Someone Else');
    await add.getByRole('button', { name: desk('case.parties.add.submit') }).click();
    await add.getByText(desk('case.parties.error.roleTaken')).waitFor();
    expect(await people.getByRole('listitem').filter({ hasText: 'Someone Else' }).count()).toBe(0);
    expect(await wcagViolations(p)).toEqual([]);
    await shot(p, 'parties-added', people);
  });

  it('gives the reporter their account name through the edit form', async () => {
    onTestFailed(failureScreenshot(() => page, 'parties-edit'));
    const p = opened();
    const unnamed = desk('case.party.unnamed', { role: desk('partyRole.reporter') });
    await p.getByRole('button', { name: desk('case.parties.edit.open', { name: unnamed }) }).click();
    const edit = p.getByRole('form', { name: desk('case.parties.edit.heading', { name: unnamed }) });
    // Someone holding an access code keeps their role.
    expect(await edit.getByLabel(desk('case.parties.add.role')).isDisabled()).toBe(true);
    await edit.getByLabel(desk('case.parties.edit.contactEmail')).fill('not an address');
    await edit.getByRole('button', { name: desk('case.parties.edit.submit') }).click();
    await edit.getByText(desk('case.parties.error.contactEmail')).waitFor();
    expect(await wcagViolations(p)).toEqual([]);
    await shot(p, 'parties-edit-error', edit);

    await edit.getByLabel(desk('case.parties.edit.contactEmail')).fill('');
    await edit.getByLabel(desk('case.parties.add.accountName')).fill('Kind Robin');
    await edit.getByRole('button', { name: desk('case.parties.edit.submit') }).click();
    const people = p.getByRole('region', { name: desk('case.parties.heading') });
    await people.getByRole('status').filter({ hasText: desk('case.parties.edit.done', { name: 'Kind Robin' }) }).waitFor();
    await people.getByRole('listitem').filter({ hasText: 'Kind Robin' }).waitFor();
  });
});

describe('consent', () => {
  it('records what the reporter agreed may be shared, and shows it plainly', async () => {
    onTestFailed(failureScreenshot(() => page, 'consent'));
    const p = opened();
    const reporter = p.getByRole('group', { name: `Kind Robin (${desk('partyRole.reporter')})` });
    await reporter.getByText(desk('case.consent.neverAsked')).waitFor();
    await reporter.getByText(desk('case.consent.edit', { name: 'Kind Robin' })).click();
    const form = reporter.getByRole('form', { name: desk('case.consent.edit', { name: 'Kind Robin' }) });
    await form.getByRole('group', { name: desk('case.consent.audience.trust_and_safety') }).getByLabel(desk('case.consent.subject.identity')).check();
    await form.getByRole('group', { name: desk('case.consent.audience.law_enforcement') }).getByLabel(desk('case.consent.subject.private_evidence')).check();
    await form.getByRole('button', { name: desk('case.consent.submit') }).click();
    await reporter.getByText(desk('case.consent.saved')).waitFor();
    const lines = await reporter.locator('.consent-lines li').allTextContents();
    expect(lines).toEqual([
      desk('case.consent.line', { audience: desk('case.consent.audience.trust_and_safety'), subjects: desk('case.consent.subject.identity') }),
      desk('case.consent.line', { audience: desk('case.consent.audience.law_enforcement'), subjects: desk('case.consent.subject.private_evidence') }),
    ]);
    // What was saved is what the server keeps: a fresh page shows the same.
    await p.reload();
    const again = p.getByRole('group', { name: `Kind Robin (${desk('partyRole.reporter')})` });
    await again.locator('.consent-lines li').first().waitFor();
    expect(await again.locator('.consent-lines li').allTextContents()).toEqual(lines);
    expect(await p.getByRole('group', { name: `Quiet Wren (${desk('partyRole.target')})` }).getByText(desk('case.consent.neverAsked')).count()).toBe(1);
    expect(await wcagViolations(p)).toEqual([]);
    await shot(p, 'consent-recorded', p.getByRole('region', { name: desk('case.consent.heading') }));
  });
});

describe('evidence and the reported person', () => {
  it('marks a link as personal information, hidden until asked', async () => {
    onTestFailed(failureScreenshot(() => page, 'evidence-marking'));
    const p = opened();
    const evidence = p.getByRole('region', { name: desk('case.evidence.heading') });
    await evidence.getByRole('link', { name: new RegExp('Quiet_Wren') }).waitFor();
    await evidence.getByRole('listitem').filter({ hasText: 'Quiet_Wren' }).getByRole('button', { name: desk('case.evidence.markPersonal') }).click();
    await evidence.getByText(desk('case.evidence.personalInformation')).waitFor();
    expect(await evidence.getByRole('link', { name: new RegExp('Quiet_Wren') }).count()).toBe(0);
    await evidence.getByRole('button', { name: desk('case.evidence.unmarkPersonal') }).waitFor();
    // The link the reporter gave privately is said to be so.
    await evidence.getByRole('listitem').filter({ hasText: PRIVATE_LINK }).getByText(desk('case.evidence.suppliedPrivately')).waitFor();
    await shot(p, 'evidence', evidence);
  });

  it('stops a message to the reported person that names the reporter, and sends it with a written reason', async () => {
    onTestFailed(failureScreenshot(() => page, 'leak-guard'));
    const p = opened();
    const form = p.getByRole('form', { name: desk('case.reply.heading.reportedNamed', { name: 'Quiet Crow' }) });
    await form.getByLabel(desk('case.reply.body')).fill('A report from kind.r0bin says you reverted edits. Please stop.');
    await form.getByRole('button', { name: desk('case.reply.submit') }).click();
    await form.getByText(desk('case.reply.leak.heading')).waitFor();
    expect(await form.locator('.leaks li').first().textContent()).toContain('kind.r0bin');
    expect(await wcagViolations(p)).toEqual([]);
    await shot(p, 'leak-guard-stopped', form);

    await form.getByLabel(desk('case.reply.leak.reason')).fill('The reporter asked us in writing to be named.');
    await form.getByRole('button', { name: desk('case.reply.submit') }).click();
    await form.getByRole('status').filter({ hasText: desk('case.reply.sent') }).waitFor();
    const timeline = p.getByRole('region', { name: desk('case.timeline.heading') });
    expect(await timeline.getByText(desk('timeline.type.leak_guard_overridden'), { exact: true }).count()).toBe(1);
    await shot(p, 'leak-guard-overridden', p.locator('section.conversation').filter({ has: form }));
  });
});
