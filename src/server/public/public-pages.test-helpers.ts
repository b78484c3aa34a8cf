// Shared by the reporter page tests (report-page, status-page). Not a test file itself.
import { expect } from 'vitest';
import { translator } from '../../services/i18n.js';

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
export const t_ = translator('public', 'en');

/** Written out here rather than imported, so a broken escaper cannot vouch for itself. */
export function escaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function expectHtmlPageHeaders(response: { headers: Record<string, unknown> }): void {
  expect(String(response.headers['content-type'])).toMatch(/^text\/html/);
  const csp = String(response.headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self'/);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(response.headers['cache-control']).toBe('no-store');
}

/** The one-time token of a fresh report form, as a browser would get it. */
export async function freshFormToken(app: { inject: (o: { method: 'GET'; url: string }) => Promise<{ body: string }> }): Promise<string> {
  const page = await app.inject({ method: 'GET', url: '/report' });
  const token = /<input type="hidden" name="formToken" value="([^"]+)">/.exec(page.body)?.[1];
  if (token === undefined) throw new Error('the report form carries no token');
  return token;
}

/** The `name=value` of the receipt cookie a response set, for the next request. */
export function receiptCookie(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((c) => c.name === 'haven_receipt');
  if (cookie === undefined) throw new Error('no receipt cookie was set');
  return `haven_receipt=${cookie.value}`;
}
