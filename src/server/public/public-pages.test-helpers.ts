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
