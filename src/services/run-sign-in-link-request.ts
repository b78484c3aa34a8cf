import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { SIGN_IN_LINK_CASES, signInLinkExpiry } from '../domain/intake-limits.js';
import { findAccessesByContactIndex, insertSignInLinks } from '../db/repositories/sign-in-links.js';
import { completeJob, enqueueJobs, type NewJob } from '../db/repositories/jobs.js';
import { appendAuditEntries } from '../db/repositories/audit-log.js';
import { hashToken, randomToken } from './security/tokens.js';
import { SEALED, type ServiceContext } from './context.js';
import { SIGN_IN_LINK_EMAIL_JOB, type SignInLinkEmailPayload, type SignInLinkRequestPayload } from './job-kinds.js';

/** The purpose a sign-in link's token is hashed for (its row's id). */
export const SIGN_IN_LINK_PURPOSE = 'haven-sign-in-link';

/**
 * Finds the cases whose reporter left the requested address and queues, for each (the most
 * recent few), a fresh single-use link and its email. Only database writes, so the job marks
 * itself done in the same transaction, like a case reminder: it runs once even across a crash.
 * An unknown address finds nothing and sends nothing.
 */
export async function runSignInLinkRequest(
  ctx: ServiceContext, job: { id: string; workerId: string }, payload: SignInLinkRequestPayload,
): Promise<'sent' | 'none' | 'lease_lost'> {
  const now = ctx.now();
  const expiresAt = signInLinkExpiry(now);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await completeJob(trx, { id: job.id, workerId: job.workerId, now }))) return 'lease_lost';
    const accesses = await findAccessesByContactIndex(trx, payload.addressIndexes, SIGN_IN_LINK_CASES);
    if (accesses.length === 0) return 'none';
    const links = accesses.map((access) => ({ access, token: randomToken(), jobId: newId(now.getTime()) }));
    await insertSignInLinks(trx, links.map(({ access, token }) => ({ id: hashToken(token, SIGN_IN_LINK_PURPOSE), accessId: access.accessId, createdAt: now, expiresAt })));
    const emails = links.map(({ access, token, jobId }): NewJob => {
      const email: SignInLinkEmailPayload = {
        caseId: access.caseId, partyId: access.partyId, language: access.language, expiresAt: expiresAt.toISOString(),
        tokenEnc: ctx.cipher.seal(token, `${SEALED.signInLinkToken}:${jobId}`),
      };
      return { id: jobId, kind: SIGN_IN_LINK_EMAIL_JOB, payload: email, runAt: now, maxAttempts: 8 };
    });
    await enqueueJobs(trx, emails, now);
    await appendAuditEntries(trx, auditChain(ctx), accesses.map((access) => ({
      at: now, actorKind: 'public' as const, actorId: null, action: 'reporter.sign_in_link_sent' as const, caseId: access.caseId,
      detail: { expiresAt: expiresAt.toISOString() },
    })));
    return 'sent';
  });
}
