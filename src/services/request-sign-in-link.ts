import { newId } from '../shared/ids.js';
import { mayRequestSignInLink, signInLinkWindowStart } from '../domain/intake-limits.js';
import { countSignInLinkRequests, recordSignInLinkRequest } from '../db/repositories/sign-in-links.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import { contactIndexesForLookup } from './security/contact-index.js';
import { SIGN_IN_LINK_REQUEST_JOB, type SignInLinkRequestPayload } from './job-kinds.js';
import type { ServiceContext } from './context.js';

/**
 * "I lost my code": asks for sign-in links to the cases of whoever left this address. The
 * answer never says whether the address is known, and neither does the time it takes: known or
 * not, the request writes the same two rows (the request, for the rate limit, and a job) in one
 * transaction, and the job (run-sign-in-link-request.ts) looks for the address later. Past the
 * rate limit nothing is written, which says nothing about the address either; and since only
 * granted requests count, asking again and again does not keep the owner locked out longer.
 */
export async function requestSignInLink(ctx: ServiceContext, address: string): Promise<void> {
  const now = ctx.now();
  const indexes = contactIndexesForLookup(ctx.cipher, address);
  const [current] = indexes;
  if (current === undefined) throw new Error('The field cipher has no key.');
  await ctx.db.transaction().execute(async (trx) => {
    const earlier = await countSignInLinkRequests(trx, indexes, signInLinkWindowStart(now));
    if (!mayRequestSignInLink(earlier)) return;
    await recordSignInLinkRequest(trx, { id: newId(now.getTime()), addressIndex: current, at: now });
    const payload: SignInLinkRequestPayload = { addressIndexes: indexes };
    await enqueueJobs(trx, [{ id: newId(now.getTime()), kind: SIGN_IN_LINK_REQUEST_JOB, payload, runAt: now, maxAttempts: 8 }], now);
  });
}
