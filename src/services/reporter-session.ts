import { auditChain } from './audit-chain.js';
import {
  findAccessByCodeHash, findReporterSession, insertReporterSession, deleteReporterSession, type AccessRow, type ReporterSessionRow,
} from '../db/repositories/reporter-access.js';
import { findCase } from '../db/repositories/cases.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { HavenDb } from '../db/connection.js';
import { hashAccessCode, isWellFormedAccessCode } from './security/access-code.js';
import { hashToken, randomToken } from './security/tokens.js';
import { AppError, TooManyRequests } from './errors.js';
import type { ServiceContext } from './context.js';
import { rateLimiterOf, type RateRule } from './rate-limiter.js';
import { sourceKey } from './security/source-address.js';

/** A live reporter session: whose party, on which case, and its CSRF token. */
export type ReporterSession = ReporterSessionRow;

const PURPOSE = 'haven-reporter-session';
const REPORTER_SESSION_HOURS = 2;

/** A new reporter session: the cookie token, its CSRF token, when it ends, and the case it opens. */
export interface OpenedReporterSession { token: string; csrfToken: string; expiresAt: Date; reference: string }

/**
 * Wrong access codes one source may try in a window. A code has 136 bits, so guessing is
 * hopeless anyway; the limit keeps a source from trying at volume, and a reporter who mistypes
 * their own code a few times is never stopped. Malformed codes (which match nothing) do not count.
 */
export const ACCESS_CODE_GUESSES: RateRule = { name: 'access-code', limit: 10, windowMs: 15 * 60_000 };

/**
 * Exchanges an access code for a reporter session token (for a cookie). With the request's
 * `source` address, wrong codes are counted and audited per source (as a keyed hash), and a
 * source past the limit is refused before its code is looked at.
 */
export async function openReporterSession(ctx: ServiceContext, accessCode: string, source?: string): Promise<OpenedReporterSession> {
  const wrong = new AppError('invalid_credentials', 'That access code was not recognised. Check it and try again.');
  if (!isWellFormedAccessCode(accessCode)) throw wrong;
  const limiter = rateLimiterOf(ctx);
  const key = source === undefined ? null : sourceKey(ctx.cipher, source);
  if (key !== null) {
    const state = await limiter.peek(ACCESS_CODE_GUESSES, key, ctx.now());
    if (!state.allowed) throw new TooManyRequests('Too many codes were tried from here. Wait a few minutes and try again.', state.retryAfterSeconds);
  }
  const session = await ctx.db.transaction().execute(async (trx) => {
    const access = await findAccessByCodeHash(trx, hashAccessCode(accessCode));
    return access === null ? null : startReporterSession(ctx, trx, access, 'reporter.signed_in');
  });
  if (session !== null) return session;
  if (key !== null) {
    const now = ctx.now();
    const counted = await limiter.hit(ACCESS_CODE_GUESSES, key, now);
    await ctx.db.transaction().execute((trx) => appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'public', actorId: null, action: 'reporter.access_code_refused', caseId: null,
      detail: { source: key, attempt: counted.count, throttled: counted.count >= ACCESS_CODE_GUESSES.limit },
    }));
  }
  throw wrong;
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
  await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'reporter', actorId: access.partyId, action, caseId: access.caseId, detail: {} });
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
