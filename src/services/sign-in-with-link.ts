import { findLiveAccess } from '../db/repositories/reporter-access.js';
import { useSignInLink } from '../db/repositories/sign-in-links.js';
import { hashToken } from './security/tokens.js';
import { AppError } from './errors.js';
import { startReporterSession, type OpenedReporterSession } from './reporter-session.js';
import { SIGN_IN_LINK_PURPOSE } from './run-sign-in-link-request.js';
import type { ServiceContext } from './context.js';

/**
 * Exchanges a sign-in link's token for a reporter session, once: the link is marked used in the
 * same transaction that opens the session. A used, expired or unknown link, or one whose access
 * was revoked since, is refused in the same words.
 */
export async function signInWithLink(ctx: ServiceContext, token: string): Promise<OpenedReporterSession> {
  const refused = new AppError('invalid_credentials', 'This sign-in link no longer works.');
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw refused;
  return ctx.db.transaction().execute(async (trx) => {
    const link = await useSignInLink(trx, { id: hashToken(token, SIGN_IN_LINK_PURPOSE), now: ctx.now() });
    const access = link === null ? null : await findLiveAccess(trx, link.accessId);
    const session = access === null ? null : await startReporterSession(ctx, trx, access, 'reporter.signed_in_by_link');
    if (session === null) throw refused;
    return session;
  });
}
