import { auditChain } from './audit-chain.js';
import { roleOn, type Actor } from '../domain/access-policy.js';
import { REFERRAL_VENUES } from '../domain/routing-rules.js';
import { findDeskBySlug, type DeskRow } from '../db/repositories/desks.js';
import { readVenueAddresses, saveVenueAddress } from '../db/repositories/referrals.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { HavenDb } from '../db/connection.js';
import { AppError } from './errors.js';
import { SEALED, type ServiceContext } from './context.js';

/** The desk, when the actor administers it; another desk is not found, a desk where they hold another role forbidden. */
async function adminDesk(db: HavenDb, actor: Actor, slug: string): Promise<DeskRow> {
  const desk = await findDeskBySlug(db, slug);
  if (desk === null || roleOn(actor, desk.id) === null) throw new AppError('not_found', 'There is no such desk, or you do not work on it.');
  if (roleOn(actor, desk.id) !== 'admin') throw new AppError('forbidden', 'Only the desk\'s admins can change where referrals go.');
  return desk;
}

async function readAll(ctx: ServiceContext, db: HavenDb, desk: DeskRow): Promise<{ venue: string; email: string | null }[]> {
  const sealed = await readVenueAddresses(db, desk.id);
  return REFERRAL_VENUES.map((venue) => {
    const found = sealed.get(venue);
    return { venue, email: found === undefined ? null : ctx.cipher.open(found, `${SEALED.venueAddress}:${desk.id}:${venue}`) };
  });
}

/** Where a desk's referral venues are written to, for its admins. */
export async function viewVenueAddresses(ctx: ServiceContext, actor: Actor, slug: string): Promise<{ venue: string; email: string | null }[]> {
  return readAll(ctx, ctx.db, await adminDesk(ctx.db, actor, slug));
}

/** A desk's admin sets (or removes) the address of one referral venue; sealed at rest, audited without the address. */
export async function setVenueAddress(
  ctx: ServiceContext, actor: Actor, slug: string, venue: string, email: string | null,
): Promise<{ venue: string; email: string | null }[]> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await adminDesk(trx, actor, slug);
    if (!REFERRAL_VENUES.includes(venue)) {
      throw new AppError('validation_failed', 'Only referral venues have an address.', [{ path: 'venue', message: `One of: ${REFERRAL_VENUES.join(', ')}.` }]);
    }
    await saveVenueAddress(trx, {
      deskId: desk.id, venue, emailEnc: email === null ? null : ctx.cipher.seal(email, `${SEALED.venueAddress}:${desk.id}:${venue}`), at: now, by: actor.id,
    });
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'desk.venue_address_set', caseId: null, detail: { deskId: desk.id, venue, set: email !== null },
    });
    return readAll(ctx, trx, desk);
  });
}
