import { findAccessByCodeHash, findReporterSession, insertReporterSession, deleteReporterSession, type ReporterSessionRow } from '../db/repositories/reporter-access.js';
import { findCase } from '../db/repositories/cases.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { hashAccessCode, isWellFormedAccessCode } from './security/access-code.js';
import { hashToken, randomToken } from './security/tokens.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/** A live reporter session: whose party, on which case, and its CSRF token. */
export type ReporterSession = ReporterSessionRow;

const PURPOSE = 'haven-reporter-session';
const REPORTER_SESSION_HOURS = 2;

/** Exchanges an access code for a reporter session token (for a cookie). */
export async function openReporterSession(
  ctx: ServiceContext,
  accessCode: string,
): Promise<{ token: string; csrfToken: string; expiresAt: Date; reference: string }> {
  const wrong = new AppError('invalid_credentials', 'That access code was not recognised. Check it and try again.');
  if (!isWellFormedAccessCode(accessCode)) throw wrong;
  const now = ctx.now();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + REPORTER_SESSION_HOURS * 3_600_000);
  const csrfToken = randomToken();
  const reference = await ctx.db.transaction().execute(async (trx) => {
    const access = await findAccessByCodeHash(trx, hashAccessCode(accessCode));
    const kase = access === null ? null : await findCase(trx, { id: access.caseId });
    if (access === null || kase === null) throw wrong;
    await insertReporterSession(trx, { id: hashToken(token, PURPOSE), accessId: access.id, csrfToken, createdAt: now, expiresAt });
    await appendAudit(trx, ctx.dialect, { at: now, actorKind: 'reporter', actorId: access.partyId, action: 'reporter.signed_in', caseId: access.caseId, detail: {} });
    return kase.reference;
  });
  return { token, csrfToken, expiresAt, reference };
}

/** The reporter session behind a cookie token, or null. */
export function resolveReporterSession(ctx: ServiceContext, token: string): Promise<ReporterSession | null> {
  return findReporterSession(ctx.db, hashToken(token, PURPOSE), ctx.now());
}

/** Ends a reporter session. */
export async function closeReporterSession(ctx: ServiceContext, token: string): Promise<void> {
  await deleteReporterSession(ctx.db, hashToken(token, PURPOSE));
}
