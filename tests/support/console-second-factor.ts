import type { Locator, Page } from 'playwright-core';
import { desk } from './catalog.js';
import { authenticatorCode } from './totp-code.js';

/**
 * After the password, the console may ask for a second factor to be set up (admins always
 * are): does it as a person would, with the key shown on the page and an authenticator app
 * (tests/support/totp-code.ts), and returns the key and when its code was used, or null when
 * the console went straight on.
 */
export async function enrolIfAsked(page: Page, landing?: Locator): Promise<{ secret: string; usedAt: Date } | null> {
  const enrol = page.getByRole('heading', { level: 2, name: desk('enrol.heading') });
  // Where the console goes when it asks for nothing: the queue, unless the caller opened another page.
  const queue = landing ?? page.getByRole('heading', { level: 1, name: desk('queue.title') });
  await enrol.or(queue).first().waitFor();
  if (!(await enrol.isVisible())) return null;
  const shown = page.getByTestId('totp-secret');
  await shown.waitFor();
  const secret = (await shown.innerText()).replace(/\s/g, '');
  const usedAt = new Date();
  await page.getByLabel(desk('enrol.code')).fill(authenticatorCode(secret, usedAt));
  await page.getByRole('button', { name: desk('enrol.submit') }).click();
  await page.getByRole('button', { name: desk('enrol.continue') }).click();
  return { secret, usedAt };
}
