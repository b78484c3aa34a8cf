// Shared by the case route tests (cases.queue, cases.view, cases.assign): the response
// shapes they read and the requests they send. Not a test file itself.
import type { SignedIn, TestApp } from '../../../../tests/support/test-app.js';
import { findCase } from '../../../db/repositories/cases.js';
import { initialSeverity } from '../../../domain/severity.js';
import type { ReportInput } from '../../../shared/report-input.js';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

// The response shapes come from the API contract, so a test reads what the route declares.
export type { CaseResponse as CaseBody, QueueResponse as QueueBody } from '../../../shared/api/cases.js';
export type { ErrorResponse as ErrorBody } from '../../../shared/api/errors.js';

/** The first-response windows, written out rather than imported so that a changed policy fails a test. */
const FIRST_RESPONSE_HOURS = { emergency: 1, high: 24, normal: 72 } as const;

export function expectedDue(receivedAt: Date, input: ReportInput): Date {
  const severity = initialSeverity({ category: input.category, immediateDanger: input.immediateDanger });
  return new Date(receivedAt.getTime() + FIRST_RESPONSE_HOURS[severity] * HOUR);
}

export async function caseId(t: TestApp, reference: string): Promise<string> {
  const kase = await findCase(t.ctx.db, { reference });
  if (kase === null) throw new Error(`no case ${reference}`);
  return kase.id;
}

/** GET /api/v1/cases/:reference as `who` (null: without a session). */
export function viewCase(t: TestApp, reference: string, who: SignedIn | null) {
  return t.app.inject({ method: 'GET', url: `/api/v1/cases/${reference}`, headers: who === null ? {} : { cookie: who.cookie } });
}

/** POST /api/v1/cases/:reference/assign as `who`, with or without the CSRF header. */
export function assignCase(t: TestApp, reference: string, who: SignedIn | null, csrf: boolean, payload?: object) {
  const headers: Record<string, string> = {};
  if (who !== null) headers.cookie = who.cookie;
  if (who !== null && csrf) headers['x-csrf-token'] = who.csrfToken;
  return t.app.inject({ method: 'POST', url: `/api/v1/cases/${reference}/assign`, headers, ...(payload === undefined ? {} : { payload }) });
}

/** A well-formed reference one past the last issued number of the year: no such case. */
export async function missingReference(t: TestApp): Promise<string> {
  const latest = await t.ctx.db.selectFrom('cases').select('reference').orderBy('reference', 'desc').executeTakeFirstOrThrow();
  const next = Number(latest.reference.slice(-6)) + 1;
  return `${latest.reference.slice(0, -6)}${String(next).padStart(6, '0')}`;
}
