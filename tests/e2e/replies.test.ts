import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  DESKTOP, PHONE, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, type HavenProcess,
} from '../support/browser.js';
import { desk, pub } from '../support/catalog.js';

// Replies, promised updates and taking a case over, told in order: a handler in Berlin writes to
// the reporter and promises an update; the reporter, with JavaScript off, reads both on /status;
// a second handler takes the case over; a plain "Assign to me" that loses a race says who won;
// a reviewer reads the conversation but gets no form. axe-core checks the case page on the way.


const ROWAN = { username: 'rowan', password: 'a long handler passphrase' };
const SASHA = { username: 'sasha', password: 'another long handler passphrase' };
const REMY = { username: 'remy', password: 'a long reviewer passphrase' };
/** The first handler works from Berlin, so the promise crosses a time zone on its way. */
const HANDLER_ZONE = 'Europe/Berlin';
const DAY_MS = 24 * 60 * 60 * 1000;
const REPLY = 'Thank you for telling us.\nWe are looking at the edits you linked and will write again.';

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;
const story = { reference: '', code: '', raceReference: '' };

/** Browsers and Node may differ in the space before AM/PM; compare text with plain spaces. */
function plain(value: string | null): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** The zone's offset from UTC in minutes at an instant, read independently of the console's helpers. */
function offsetMinutes(zone: string, at: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match === null ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** Three days from now at 15:00 on the handler's wall clock: the input value and the instant it means. */
function promiseInBerlin(): { input: string; instant: Date } {
  const day = new Date(Date.now() + 3 * DAY_MS + offsetMinutes(HANDLER_ZONE, Date.now()) * 60_000).toISOString().slice(0, 10);
  const wall = Date.parse(`${day}T15:00:00Z`);
  return { input: `${day}T15:00`, instant: new Date(wall - offsetMinutes(HANDLER_ZONE, wall) * 60_000) };
}

/** As the console writes a date and time (format-time.ts), in the given zone. */
function deskDate(instant: Date, zone: string): string {
  return plain(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(instant));
}

/** As the reporter's status page writes a date and time (status-views.ts). */
function statusDate(instant: Date): string {
  return `${new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(instant)} UTC`;
}

async function fileReport(description: string): Promise<{ reference: string; accessCode: string }> {
  const response = await fetch(`${haven.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reporterRole: 'target', reportedAccounts: ['Example Hound'], links: ['https://wiki.example.org/w/index.php?diff=456'],
      language: 'en', category: 'hounding', immediateDanger: false, description,
    }),
  });
  if (response.status !== 201) throw new Error(`intake answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { reference: string; accessCode: string };
}

/** A signed-in console tab on a case; signing in goes through the API, as the console itself does. */
async function openCase(
  who: { username: string; password: string }, reference: string, options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...DESKTOP, ...options, baseURL: haven.url });
  const signedIn = await context.request.post('/api/v1/session', { data: { username: who.username, password: who.password } });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  page = await context.newPage();
  await page.goto(`/desk/cases/${encodeURIComponent(reference)}`);
  await page.getByRole('heading', { level: 2, name: desk('case.conversation.heading') }).waitFor();
  return { context, page };
}

/** Whether the element has keyboard focus (the tests compile without the DOM library). */
async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
}

function fact(p: Page, key: string): Locator {
  return p.locator('.facts > div', { has: p.getByText(desk(key), { exact: true }) }).locator('dd');
}

function conversation(p: Page): Locator {
  return p.getByRole('region', { name: desk('case.conversation.heading') });
}

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff(ROWAN.username, 'handler', ROWAN.password);
  await haven.addStaff(SASHA.username, 'handler', SASHA.password);
  await haven.addStaff(REMY.username, 'reviewer', REMY.password);
  const filed = await fileReport('The same account reverts every edit I make, within minutes, for two weeks now.');
  story.reference = filed.reference;
  story.code = filed.accessCode;
  story.raceReference = (await fileReport('Someone keeps posting about me on other talk pages.')).reference;
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('a handler replies with a promised update', () => {
  const promise = { input: '', instant: new Date(0) };

  it('is shown a missing reply beside its field, and the page passes axe with the error showing', async () => {
    onTestFailed(failureScreenshot(() => page, 'reply-field-error'));
    const { page: p, context } = await openCase(ROWAN, story.reference, { timezoneId: HANDLER_ZONE });
    await p.getByRole('button', { name: desk('case.assign') }).click();
    await p.getByRole('status').filter({ hasText: desk('case.assign.done') }).waitFor();
    const form = p.getByRole('form', { name: desk('case.reply.heading.reporter') });
    expect(await wcagViolations(p)).toEqual([]);

    await form.getByRole('button', { name: desk('case.reply.submit') }).click();
    await form.getByRole('status').filter({ hasText: desk('case.reply.invalid') }).waitFor();
    const body = form.getByLabel(desk('case.reply.body'));
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await body.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const described = await Promise.all(describedBy.map((id) => p.locator(`[id="${id}"]`).textContent()));
    expect(described).toContain(desk('case.reply.error.bodyEmpty'));
    expect(await isFocused(body)).toBe(true);
    await keepScreenshot(p, 'reply-field-error');
    expect(await wcagViolations(p)).toEqual([]);

    // A refusal that only the server knows (the text is too long) lands beside the same field.
    await body.fill('x'.repeat(10_001));
    await form.getByRole('button', { name: desk('case.reply.submit') }).click();
    await form.getByText(desk('case.reply.error.body'), { exact: true }).waitFor();
    expect(plain(await form.getByRole('status').textContent())).toBe(desk('case.reply.invalid'));
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    expect(await isFocused(body)).toBe(true);
    expect(await conversation(p).getByRole('listitem').count()).toBe(0);
    await context.close();
  });

  it('sends a reply with a date, and sees it in the conversation, the facts and the timeline', async () => {
    onTestFailed(failureScreenshot(() => page, 'reply-sent'));
    Object.assign(promise, promiseInBerlin());
    const { page: p, context } = await openCase(ROWAN, story.reference, { timezoneId: HANDLER_ZONE });
    expect(plain(await fact(p, 'case.field.nextUpdate').textContent())).toBe(desk('case.nextUpdate.none'));
    const form = p.getByRole('form', { name: desk('case.reply.heading.reporter') });
    await form.getByLabel(desk('case.reply.body')).fill(REPLY);
    await form.getByLabel(desk('case.reply.promise')).fill(promise.input);
    await form.getByRole('button', { name: desk('case.reply.submit') }).click();

    const sent = desk('case.reply.sentWithPromise', { date: deskDate(promise.instant, HANDLER_ZONE) });
    const outcome = form.getByRole('status');
    await expect.poll(async () => plain(await outcome.textContent()), { timeout: 10_000 }).toBe(sent);
    expect(await isFocused(outcome)).toBe(true);
    expect(await form.getByLabel(desk('case.reply.body')).inputValue()).toBe('');

    const message = conversation(p).getByRole('listitem').filter({ hasText: 'Thank you for telling us.' });
    // Line breaks survive as text, not markup.
    expect(await message.locator('.message-body').textContent()).toBe(REPLY);
    expect(plain(await message.textContent())).toContain(desk('case.message.sentBy', { username: ROWAN.username }));
    expect(plain(await message.textContent())).toContain(
      desk('case.message.promised', { date: deskDate(promise.instant, HANDLER_ZONE) }),
    );
    const due = plain(await fact(p, 'case.field.nextUpdate').textContent());
    expect(due).toContain(deskDate(promise.instant, HANDLER_ZONE));
    expect(due).toContain(desk('clock.due', { relative: 'in ' }));
    const timeline = p.getByRole('region', { name: desk('case.timeline.heading') });
    expect(await timeline.getByText(desk('timeline.type.reply_sent'), { exact: true }).count()).toBe(1);
    expect(await timeline.getByText(desk('timeline.type.update_promised'), { exact: true }).count()).toBe(1);
    await keepScreenshot(p, 'reply-sent');
    expect(await wcagViolations(p)).toEqual([]);

    // Stored, not only shown.
    await p.reload();
    await conversation(p).getByText('Thank you for telling us.', { exact: false }).waitFor();
    await context.close();
  });

  it('the reporter, with JavaScript off, reads the reply and the promised date on /status', async () => {
    onTestFailed(failureScreenshot(() => page, 'reporter-reads-reply'));
    expect(promise.input, 'the reply was not sent').not.toBe('');
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false, baseURL: haven.url });
    const p = (page = await context.newPage());
    await p.goto('/status');
    await p.getByLabel(pub('status.code.label')).fill(story.code);
    await p.getByRole('button', { name: pub('status.code.submit') }).click();
    await p.getByRole('heading', { level: 1, name: pub('status.case.heading', { reference: story.reference }) }).waitFor();
    // 15:00 in Berlin is 13:00 or 14:00 UTC: the offset went with the promise.
    expect([13, 14]).toContain(promise.instant.getUTCHours());
    expect(await p.getByText(pub('status.next.update', { date: statusDate(promise.instant) }), { exact: true }).isVisible()).toBe(true);
    const item = p.locator('.messages li', { hasText: 'Thank you for telling us.' });
    expect(plain(await item.textContent())).toContain(plain(REPLY));
    expect(plain(await item.textContent())).toContain(pub('status.messages.from.staff'));
    await keepScreenshot(p, 'reporter-reads-reply');
    await context.close();
  });
});

describe('who holds the case', () => {
  it('another handler sees "Take over", confirms inline, and takes the case over', async () => {
    onTestFailed(failureScreenshot(() => page, 'take-over'));
    const { page: p, context } = await openCase(SASHA, story.reference);
    await p.getByText(desk('case.claim.heldBy', { username: ROWAN.username }), { exact: true }).waitFor();
    expect(await p.getByRole('button', { name: desk('case.assign') }).count()).toBe(0);

    const takeOver = p.getByRole('button', { name: desk('case.claim.takeOver') });
    await takeOver.click();
    const confirm = p.getByRole('group', { name: desk('case.claim.confirmPrompt', { username: ROWAN.username }) });
    const yes = confirm.getByRole('button', { name: desk('case.claim.confirm') });
    expect(await isFocused(yes)).toBe(true);
    await keepScreenshot(p, 'take-over-confirm');
    expect(await wcagViolations(p)).toEqual([]);
    // Cancelling changes nothing and puts focus back where it was.
    await confirm.getByRole('button', { name: desk('case.claim.cancel') }).click();
    expect(await isFocused(takeOver)).toBe(true);
    expect(plain(await fact(p, 'case.field.assignee').textContent())).toBe(ROWAN.username);

    await takeOver.click();
    await yes.click();
    await p.getByRole('status').filter({ hasText: desk('case.claim.takenOver') }).waitFor();
    expect(plain(await fact(p, 'case.field.assignee').textContent())).toBe(desk('case.assignee.you', { username: SASHA.username }));
    expect(await p.getByRole('button', { name: desk('case.claim.takeOver') }).count()).toBe(0);
    const timeline = p.getByRole('region', { name: desk('case.timeline.heading') });
    expect(await timeline.getByText(desk('timeline.type.case_taken_over'), { exact: true }).count()).toBe(1);
    await context.close();
  });

  it('a plain "Assign to me" that loses a race reloads the case and says who holds it', async () => {
    onTestFailed(failureScreenshot(() => page, 'assign-race'));
    const late = await openCase(SASHA, story.raceReference);
    const early = await openCase(ROWAN, story.raceReference);
    await early.page.getByRole('button', { name: desk('case.assign') }).click();
    await early.page.getByRole('status').filter({ hasText: desk('case.assign.done') }).waitFor();
    await early.context.close();

    page = late.page;
    await late.page.getByRole('button', { name: desk('case.assign') }).click();
    const said = desk('case.claim.heldByOther', { username: ROWAN.username });
    await late.page.getByRole('status').filter({ hasText: said }).waitFor();
    expect(plain(await fact(late.page, 'case.field.assignee').textContent())).toBe(ROWAN.username);
    expect(await late.page.getByRole('button', { name: desk('case.claim.takeOver') }).count()).toBe(1);
    await late.context.close();
  });

  it('a reviewer reads the conversation but is offered no reply form and no claim', async () => {
    onTestFailed(failureScreenshot(() => page, 'reviewer'));
    const { page: p, context } = await openCase(REMY, story.reference);
    await conversation(p).getByText('Thank you for telling us.', { exact: false }).waitFor();
    expect(await p.getByRole('form').count()).toBe(0);
    expect(await p.getByRole('button', { name: desk('case.claim.takeOver') }).count()).toBe(0);
    expect(await p.getByRole('button', { name: desk('case.assign') }).count()).toBe(0);
    expect(await wcagViolations(p)).toEqual([]);
    await context.close();
  });
});
