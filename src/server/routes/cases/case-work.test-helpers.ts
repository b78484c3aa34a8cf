// Shared by the case-work tests (routes, waiting clocks, withdrawal): requests as staff and as a
// reporter on the status page. Not a test file itself.
import type { SignedIn, TestApp } from '../../../../tests/support/test-app.js';
import { listParties } from '../../../db/repositories/case-parts.js';
import { form, FORM } from '../../public/public-pages.test-helpers.js';

/** POST to a case route as `who` (null: no session); `csrf: false` leaves the CSRF header out. */
export function postAs(t: TestApp, who: SignedIn | null, url: string, payload: object, csrf = true) {
  const headers: Record<string, string> = {};
  if (who !== null) headers.cookie = who.cookie;
  if (who !== null && csrf) headers['x-csrf-token'] = who.csrfToken;
  return t.app.inject({ method: 'POST', url, headers, payload });
}

/** A reporter signed in on the status page: their cookie and the page's form token. */
export interface ReporterPage { cookie: string; csrf: string }

export async function reporterPage(t: TestApp, accessCode: string): Promise<ReporterPage> {
  const exchanged = await t.app.inject({ method: 'GET', url: `/status?code=${encodeURIComponent(accessCode)}` });
  const value = exchanged.cookies.find((c) => c.name === 'haven_reporter')?.value;
  if (value === undefined) throw new Error(`code exchange failed: ${exchanged.statusCode}`);
  const cookie = `haven_reporter=${value}`;
  const page = await t.app.inject({ method: 'GET', url: '/status', headers: { cookie } });
  const csrf = /<input type="hidden" name="csrf" value="([^"]+)">/.exec(page.body)?.[1];
  if (csrf === undefined) throw new Error('no csrf field on the status page');
  return { cookie, csrf };
}

/** Posts a status-page form as the reporter. */
export function postForm(t: TestApp, reporter: ReporterPage, url: string, fields: Record<string, string>) {
  return t.app.inject({ method: 'POST', url, headers: { ...FORM, cookie: reporter.cookie }, payload: form({ csrf: reporter.csrf, ...fields }) });
}

/** The reporter party of a case. */
export async function reporterPartyId(t: TestApp, caseId: string): Promise<string> {
  const party = (await listParties(t.ctx.db, caseId)).find((p) => p.role === 'reporter');
  if (party === undefined) throw new Error('no reporter party');
  return party.id;
}
