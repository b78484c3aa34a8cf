import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { DESKTOP, failureScreenshot, keepScreenshot, launchChromium, startHaven, wcagViolations, wcagViolationsOfHtml, type HavenProcess } from '../support/browser.js';
import { desk, pub } from '../support/catalog.js';
import { enrolIfAsked } from '../support/console-second-factor.js';
import { loadModule } from '../../src/training/load-catalog.js';
import { sectionQuestions } from '../../src/training/types.js';

// A handler with JavaScript off, on a phone, reads every tab of the first module, answers
// the personal-information question wrongly and then correctly, sees each explanation, and
// finishes the module. An admin then sees it in the console. Every page passes axe-core.

const HANDLER = { username: 'noor', password: 'a long handler passphrase' };
const ADMIN = { username: 'ines', password: 'a long admin passphrase' };
const PHONE_390 = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
// The answers come from the module's own files, so rewording the content does not break the test.
const MODULE = loadModule(fileURLToPath(new URL('../../content/training/handling-harassment-reports', import.meta.url)));
const PERSONAL = 'personal-information-acknowledgement';

let haven: HavenProcess;
let browser: Browser;
let page: Page | undefined;
const seen = new Map<string, { url: string; html: string }>();

async function keep(current: Page, name: string): Promise<void> {
  seen.set(name, { url: current.url(), html: await current.content() });
  await keepScreenshot(current, name);
}

async function signedInContext(options: typeof PHONE_390 | typeof DESKTOP, who: typeof HANDLER, javaScriptEnabled: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, baseURL: haven.url, javaScriptEnabled });
  const response = await context.request.post('/api/v1/session', { data: who });
  expect(response.status()).toBe(200);
  return context;
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

describe('training, with JavaScript off on a phone', () => {
  it('a handler reads every tab, answers wrongly then well, sees every explanation, and completes the module', async () => {
    const context = await signedInContext(PHONE_390, HANDLER, false);
    const p = await context.newPage();
    page = p;
    onTestFailed(failureScreenshot(() => page, 'training-handler'));
    await p.goto('/training');
    await keep(p, 'training-list');
    expect(await p.getByText(pub('training.reader.signedIn', { username: HANDLER.username })).count()).toBe(1);
    await p.getByRole('link', { name: MODULE.titles.get('en') }).click();

    const total = MODULE.sections.length;
    for (const [index, section] of MODULE.sections.entries()) {
      const text = section.texts.get('en')!;
      await p.getByRole('heading', { level: 2, name: text.title }).waitFor();
      expect(await p.getByText(pub('training.tabs.position', { current: index + 1, total })).count()).toBe(1);
      expect(await p.getByRole('navigation', { name: pub('training.tabs.label') }).getByRole('link').count()).toBe(total);
      for (const question of sectionQuestions(text)) {
        const form = p.locator(`#question-${question.id}`);
        if (question.id === PERSONAL) {
          const wrong = question.options.find((o) => o.id !== question.best)!;
          await form.locator(`#q-${question.id}-${wrong.id}`).check();
          await form.getByRole('button', { name: pub('training.question.submit') }).click();
          const result = p.locator(`#answer-${question.id}`);
          await result.getByText(pub('training.answer.notBest')).waitFor();
          expect(await result.innerHTML()).toContain(wrong.explanationHtml.trim());
          await keep(p, 'training-answered-wrongly');
          // Every explanation, behind one summary that opens without script.
          const all = p.locator(`#question-${question.id} details`);
          await all.getByText(pub('training.answer.all')).click();
          for (const option of question.options) expect(await all.innerHTML()).toContain(option.explanationHtml.trim());
          expect(await all.locator('li.best').innerHTML()).toContain(pub('training.answer.bestTag'));
          await keep(p, 'training-all-explanations');
        }
        await p.locator(`#question-${question.id} #q-${question.id}-${question.best}`).check();
        await p.locator(`#question-${question.id}`).getByRole('button', { name: pub('training.question.submit') }).click();
        const result = p.locator(`#answer-${question.id}`);
        await result.getByText(pub('training.answer.best')).waitFor();
        expect(await result.innerHTML()).toContain(question.options.find((o) => o.id === question.best)!.explanationHtml.trim());
      }
      if (index === 0) await keep(p, 'training-first-tab');
      const pager = p.getByRole('navigation', { name: pub('training.pager.label') });
      if (index < total - 1) await pager.getByRole('link', { name: pub('training.pager.next', { title: MODULE.sections[index + 1]!.texts.get('en')!.title }) }).click();
    }

    await p.getByText(pub('training.complete')).waitFor();
    expect(await p.locator('#module-progress').textContent()).toContain(pub('training.progress.complete'));
    await keep(p, 'training-complete');
    await p.getByRole('navigation', { name: pub('training.pager.label') }).getByRole('link', { name: pub('training.pager.done') }).click();
    expect(await p.locator('.module-card').first().locator('.progress').textContent()).toContain(pub('training.progress.complete'));
    await context.close();
  });

  it('an admin sees the handler\'s completed module in the console', async () => {
    const context = await browser.newContext({ ...DESKTOP, baseURL: haven.url });
    const p = await context.newPage();
    page = p;
    onTestFailed(failureScreenshot(() => page, 'training-admin'));
    await p.goto('/desk/');
    await p.getByLabel(desk('signIn.username')).fill(ADMIN.username);
    await p.getByLabel(desk('signIn.password')).fill(ADMIN.password);
    await p.getByRole('button', { name: desk('signIn.submit') }).click();
    await enrolIfAsked(p);
    await p.getByRole('heading', { level: 1, name: desk('queue.title') }).waitFor();
    await p.getByRole('navigation').getByRole('link', { name: desk('nav.training') }).click();
    await p.getByRole('heading', { level: 1, name: desk('training.heading') }).waitFor();
    const row = p.getByRole('row', { name: new RegExp(HANDLER.username) });
    await row.waitFor();
    expect(await row.getByRole('cell').first().textContent()).toMatch(/^Complete, /);
    await keepScreenshot(p, 'training-console');
    expect(await wcagViolations(p)).toEqual([]);

    // The pages seen with JavaScript off, checked in a script-enabled page; and at desktop width.
    const found: Record<string, string[]> = {};
    for (const [name, { url, html }] of seen) found[name] = await wcagViolationsOfHtml(p, url, html);
    expect(found).toEqual(Object.fromEntries([...seen.keys()].map((name) => [name, []])));
    await context.close();
  });

  it('reads well at desktop width too, for someone who is not signed in', async () => {
    const context = await browser.newContext({ ...DESKTOP, baseURL: haven.url, javaScriptEnabled: false });
    const p = await context.newPage();
    page = p;
    await p.goto(`/training/${MODULE.id}/${MODULE.sections[1]!.id}`);
    expect(await p.getByText(pub('training.reader.anonymous')).count()).toBe(1);
    await keepScreenshot(p, 'training-desktop-tab');
    const html = await p.content();
    const checker = await browser.newContext({ ...DESKTOP, baseURL: haven.url });
    expect(await wcagViolationsOfHtml(await checker.newPage(), p.url(), html)).toEqual([]);
    await checker.close();
    await context.close();
  });
});
