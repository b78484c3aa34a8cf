import { performance } from 'node:perf_hooks';
import { openContact } from './security/contact-seal.js';
import { purgeIntakeReceipts } from '../db/repositories/intake-receipts.js';
import { listUnindexedAccounts, listUnindexedContacts, purgeSignInLinks, setAccountIndex, setContactIndex } from '../db/repositories/sign-in-links.js';
import { accountIndex } from './security/account-index.js';
import { listUnsealedAccountNames, sealAccountNameRow } from '../db/repositories/party-changes.js';
import { accountNameContext } from './party-details.js';
import { IDEMPOTENCY_KEY_HOURS } from '../domain/intake-limits.js';
import { contactIndex } from './security/contact-index.js';
import type { ServiceContext } from './context.js';

/** Written instead of an index for an address no configured key can open, so it is not tried again and again. */
export const UNREADABLE_CONTACT = 'unreadable';

const BATCH = 500;

/**
 * The worker's housekeeping for intake, every sweep (30 s):
 * - sealed access codes older than 15 minutes are dropped, shown or not (reading them is
 *   already refused after that time; this takes them out of the database and its backups);
 * - idempotency keys older than 24 hours, used or expired sign-in links and rate-limit
 *   records older than a day are deleted;
 * - contact addresses sealed before migration 0015 get their blind index, a batch at a time
 *   for at most about a second per sweep, until none is left (the migration has no key to
 *   compute them with). Until an address is indexed, "I lost my code" does not find it;
 * - account names with no blind index yet (before migration 0031 the matching key was the
 *   name in the clear) get theirs; until then their cases are not linked by account;
 * - the account names of reporters, targets and witnesses written in the clear before
 *   migration 0038 are sealed to their party (with their index), as intake now does.
 */
export async function sweepIntakeSecrets(ctx: ServiceContext, budgetMs = 1_000): Promise<{ codes: number; keys: number; links: number; indexed: number }> {
  const now = ctx.now();
  const receipts = await purgeIntakeReceipts(ctx.db, now);
  const links = await purgeSignInLinks(ctx.db, { now, requestsBefore: new Date(now.getTime() - IDEMPOTENCY_KEY_HOURS * 3_600_000) });
  let indexed = 0;
  const started = performance.now();
  for (;;) {
    const batch = await indexContactAddresses(ctx, BATCH) + await sealAccountNames(ctx, BATCH) + await indexAccounts(ctx, BATCH);
    indexed += batch;
    if (batch < BATCH || performance.now() - started > budgetMs) break;
  }
  return { ...receipts, links, indexed };
}

/** Indexes up to `limit` account names that have no blind index, in one transaction; returns how many. */
async function indexAccounts(ctx: ServiceContext, limit: number): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await listUnindexedAccounts(trx, ctx.dialect, limit);
    for (const row of rows) await setAccountIndex(trx, row.partyId, row.username, accountIndex(ctx.cipher, row.username));
    return rows.length;
  });
}

/** Seals up to `limit` account names of protected parties still in the clear, in one transaction; returns how many. */
async function sealAccountNames(ctx: ServiceContext, limit: number): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await listUnsealedAccountNames(trx, ctx.dialect, limit);
    for (const row of rows) {
      await sealAccountNameRow(trx, row.partyId, row.username, ctx.cipher.seal(row.username, accountNameContext(row.partyId)), accountIndex(ctx.cipher, row.username));
    }
    return rows.length;
  });
}

/** Indexes up to `limit` addresses that have no blind index yet, in one transaction; returns how many. */
async function indexContactAddresses(ctx: ServiceContext, limit: number): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await listUnindexedContacts(trx, limit);
    for (const row of rows) {
      let index = UNREADABLE_CONTACT;
      try {
        index = contactIndex(ctx.cipher, openContact(ctx.cipher, row.contactEmailEnc, row.partyId));
      } catch {
        // Sealed under a key that is no longer configured: it cannot be found by address either way.
      }
      await setContactIndex(trx, row.partyId, index);
    }
    return rows.length;
  });
}
