import {
  findAccessByCodeHash, findReporterSession, insertReporterSession, deleteReporterSession, type AccessRow, type ReporterSessionRow,
} from '../db/repositories/reporter-access.js';
import { findCase } from '../db/repositories/cases.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { HavenDb } from '../db/connection.js';
import { hashAccessCode, isWellFormedAccessCode } from './security/access-code.js';
import { hashToken, randomToken } from './security/tokens.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/** A live reporter session: whose party, on which case, and its CSRF token. */
export type ReporterSession = ReporterSessionRow;

const PURPOSE = 'haven-reporter-session';
const REPORTER_SESSION_HOURS = 2;

/** A new reporter session: the cookie token, its CSRF token, when it ends, and the case it opens. */
export interface OpenedReporterSession { token: string; csrfToken: string; expiresAt: Date; reference: string }

/** Exchanges an access code for a reporter session token (for a cookie). */
export async function openReporterSession(ctx: ServiceContext, accessCode: string): Promise<OpenedReporterSession> {
  const wrong = new AppError('invalid_credentials', 'That access code was not recognised. Check it and try again.');
  if (!isWellFormedAccessCode(accessCode)) throw wrong;
  return ctx.db.transaction().execute(async (trx) => {
    const access = await findAccessByCodeHash(trx, hashAccessCode(accessCode));
    const session = access === null ? null : await startReporterSession(ctx, trx, access, 'reporter.signed_in');
    if (session === null) throw wrong;
    return session;
  });
}

/**
 * Starts a session on live access in the caller's transaction, with its audit row; null when the
 * case is gone. Shared by the access code and by sign-in links (services/sign-in-with-link.ts).
 */
export async function startReporterSession(
  ctx: ServiceContext, trx: HavenDb, access: AccessRow, action: 'reporter.signed_in' | 'reporter.signed_in_by_link',
): Promise<OpenedReporterSession | null> {
  const kase = await findCase(trx, { id: access.caseId });
  if (kase === null) return null;
  const now = ctx.now();
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + REPORTER_SESSION_HOURS * 3_600_000);
  await insertReporterSession(trx, { id: hashToken(token, PURPOSE), accessId: access.id, csrfToken, createdAt: now, expiresAt });
  await appendAudit(trx, ctx.dialect, { at: now, actorKind: 'reporter', actorId: access.partyId, action, caseId: access.caseId, detail: {} });
  return { token, csrfToken, expiresAt, reference: kase.reference };
}

/** The reporter session behind a cookie token, or null. */
export function resolveReporterSession(ctx: ServiceContext, token: string): Promise<ReporterSession | null> {
  return findReporterSession(ctx.db, hashToken(token, PURPOSE), ctx.now());
}

/** Ends a reporter session. */
export async function closeReporterSession(ctx: ServiceContext, token: string): Promise<void> {
  await deleteReporterSession(ctx.db, hashToken(token, PURPOSE));
}
