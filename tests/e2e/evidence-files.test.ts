import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  DESKTOP, PHONE, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, wcagViolationsOfHtml, type HavenProcess,
} from '../support/browser.js';
import { desk, pub } from '../support/catalog.js';
import { fakePng, MARKERS, pngImage, withJpegMetadata } from '../support/evidence-fixtures.js';

// A reporter on a phone with JavaScript off attaches a screenshot (a real one, taken by the
// browser, with a GPS position and a camera added to its EXIF as a phone would) and a file
// that only calls itself a PNG. The report is filed; the receipt says kindly which file was not
// kept. A handler finds the image hidden in the console until they choose to look, and what
// they are then shown has no GPS position. Every page is checked with axe-core.

const HANDLER = { username: 'handler-files', password: 'a long handler passphrase' };
const SHOTS = process.env.HAVEN_SHOTS_DIR ?? '/tmp/shots-files';

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;
const story = { reference: '', code: '', receiptUrl: '', receiptHtml: '', formUrl: '', formHtml: '', statusUrl: '', statusHtml: '' };

async function shoot(p: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await keepScreenshot(p, `evidence-files-${name}`);
}

beforeAll(async () => {
  haven = await startHaven();
  browser = await launchChromium();
  await haven.addStaff(HANDLER.username, 'handler', HANDLER.password);
});

afterAll(async () => {
  await browser?.close();
  await haven?.stop();
});

describe('a reporter attaches a screenshot with JavaScript off', () => {
  it('files the report with the screenshot, and the receipt names the file that was not kept and why', async () => {
    const context: BrowserContext = await browser.newContext({ ...PHONE, javaScriptEnabled: false, baseURL: haven.url });
    page = await context.newPage();
    const p = page;
    onTestFailed(failureScreenshot(() => page, 'evidence-files-report'));
    await p.goto('/report');
    // A real screenshot, as a phone would save it: taken of the page itself, with EXIF added.
    const screenshot = withJpegMetadata(await p.screenshot({ type: 'jpeg', quality: 70 }));
    await p.getByRole('group', { name: pub('report.role.legend') }).getByRole('radio', { name: pub('report.role.target') }).check();
    await p.getByLabel(pub('report.accounts.label'), { exact: true }).fill('Private Sender');
    await p.getByLabel(pub('report.description.label')).fill('This account sends me private messages every night; a screenshot of the latest is attached.');
    await p.getByLabel(pub('report.category.label')).selectOption({ label: pub('category.hounding') });
    await p.getByRole('group', { name: pub('report.danger.legend') }).getByRole('radio', { name: pub('report.danger.no') }).check();
    await p.getByLabel(pub('report.files.label')).setInputFiles([
      { name: 'Screenshot_messages.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(screenshot) },
      { name: 'chat-log.png', mimeType: 'image/png', buffer: Buffer.from(fakePng()) },
    ]);
    story.formUrl = p.url();
    story.formHtml = await p.content();
    await shoot(p, 'report-form-phone');
    await p.locator('.field', { has: p.locator('#files') }).screenshot({ path: `${SHOTS}/report-form-files-field.png` });
    await p.getByRole('button', { name: pub('report.submit') }).click();

    await p.getByRole('heading', { level: 1, name: pub('receipt.heading') }).waitFor();
    story.reference = (await p.locator('.reference').textContent()) ?? '';
    story.code = (await p.locator('code.access-code').textContent()) ?? '';
    const refused = p.getByRole('region', { name: pub('files.refused.heading') });
    expect(await refused.getByRole('listitem').allTextContents()).toEqual([`chat-log.png: ${pub('files.refused.not_supported')}`]);
    story.receiptUrl = p.url();
    story.receiptHtml = await p.content();
    await shoot(p, 'receipt-phone');
    await context.close();
  });
});

describe('the reporter adds another screenshot later, on /status, with JavaScript off', () => {
  it('keeps the screenshot with the update and says which file was not kept', async () => {
    expect(story.code, 'the report was not filed').not.toBe('');
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false, baseURL: haven.url });
    page = await context.newPage();
    const p = page;
    onTestFailed(failureScreenshot(() => page, 'evidence-files-status'));
    await p.goto('/status');
    await p.getByLabel(pub('status.code.label')).fill(story.code);
    await p.getByRole('button', { name: pub('status.code.submit') }).click();
    await p.getByRole('heading', { level: 1, name: pub('status.case.heading', { reference: story.reference }) }).waitFor();
    await p.getByLabel(pub('status.update.text')).fill('They wrote again tonight; here is the screenshot.');
    await p.getByLabel(pub('report.files.label')).setInputFiles([
      { name: 'tonight.png', mimeType: 'image/png', buffer: Buffer.from(pngImage()) },
      { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
    ]);
    await p.getByRole('button', { name: pub('status.update.submit') }).click();
    await p.getByText(pub('status.added')).waitFor();
    const refused = p.getByRole('region', { name: pub('files.refused.heading') });
    expect(await refused.getByRole('listitem').allTextContents()).toEqual([`empty.png: ${pub('files.refused.empty')}`]);
    story.statusUrl = p.url();
    story.statusHtml = await p.content();
    await shoot(p, 'status-after-update-phone');
    await refused.screenshot({ path: `${SHOTS}/status-refused-notice.png` });
    // Shown once: a reload no longer lists it.
    await p.reload();
    expect(await p.getByRole('region', { name: pub('files.refused.heading') }).count()).toBe(0);
    await context.close();
  });
});

describe('a handler looks at the screenshot only when they choose to', () => {
  it('shows the image hidden, then, on request, the screenshot without its GPS position', async () => {
    expect(story.reference, 'the report was not filed').not.toBe('');
    const context = await browser.newContext({ ...DESKTOP, baseURL: haven.url });
    const signedIn = await context.request.post('/api/v1/session', { data: HANDLER });
    expect(signedIn.status(), await signedIn.text()).toBe(200);
    page = await context.newPage();
    const p = page;
    onTestFailed(failureScreenshot(() => page, 'evidence-files-console'));
    const fetched: string[] = [];
    p.on('request', (r) => { if (r.url().includes('/files/')) fetched.push(r.url()); });
    await p.goto(`/desk/cases/${encodeURIComponent(story.reference)}`);
    await p.getByRole('heading', { level: 3, name: desk('case.files.heading') }).waitFor();
    await expect.poll(() => p.getByText('Screenshot_messages.jpg', { exact: true }).count()).toBe(1);
    expect(await p.getByText('tonight.png', { exact: true }).count()).toBe(1);
    expect(await p.getByText('chat-log.png').count()).toBe(0);
    expect(await p.getByText(desk('case.files.hidden')).count()).toBe(2);
    // Nothing of the image was fetched before the handler chose to look.
    expect(fetched).toEqual([]);
    expect(await wcagViolations(p)).toEqual([]);
    await shoot(p, 'console-hidden');
    await p.locator('section[aria-labelledby="evidence-heading"]').screenshot({ path: `${SHOTS}/console-files-hidden.png` });

    await p.getByRole('button', { name: desk('case.files.look') }).first().click();
    const image = p.getByRole('img', { name: desk('case.files.alt', { name: 'Screenshot_messages.jpg' }) });
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(fetched).toHaveLength(1);
    const bytes = await (await context.request.get(fetched[0] ?? '')).body();
    for (const marker of [MARKERS.gps, MARKERS.camera, 'Exif']) expect(bytes.toString('latin1')).not.toContain(marker);
    await shoot(p, 'console-shown');
    await p.locator('section[aria-labelledby="evidence-heading"]').screenshot({ path: `${SHOTS}/console-files-shown.png` });
    await context.close();
  });
});

describe('accessibility: no WCAG 2.1 AA violations found by axe-core', () => {
  it.each([
    ['report form with files chosen', 'form'], ['receipt with a refused file', 'receipt'], ['status page after an update with a refused file', 'status'],
  ] as const)('%s, as seen with JavaScript off', async (_name, which) => {
    const url = { form: story.formUrl, receipt: story.receiptUrl, status: story.statusUrl }[which];
    const html = { form: story.formHtml, receipt: story.receiptHtml, status: story.statusHtml }[which];
    expect(html, 'the page was not reached in the story').not.toBe('');
    const context = await browser.newContext({ ...PHONE, baseURL: haven.url });
    page = await context.newPage();
    onTestFailed(failureScreenshot(() => page, `axe-evidence-${which}`));
    expect(await wcagViolationsOfHtml(page, url, html)).toEqual([]);
    await context.close();
  });
});
