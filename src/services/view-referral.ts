import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import { listReferrals, readVenueAddresses, type ReferralRow } from '../db/repositories/referrals.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { ReferralPacket } from '../shared/api/referrals.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';
import { packetFor, referralAudienceOf } from './referral-packet-source.js';
import { openPacket } from './referral-packet-seal.js';

export interface ReferralView {
  venue: string | null;
  addressSet: boolean;
  /** What a referral would carry now (the summary is the handler's, so it is empty here). */
  preview: ReferralPacket | null;
  referrals: (Omit<ReferralRow, 'reporterContactEnc' | 'packetSealed'> & { sentByName: string | null; packet: ReferralPacket })[];
}

/** A case's referral as its staff see it: the packet it would send and what it leaves out, and those sent. Audited. */
export async function viewReferral(ctx: ServiceContext, actor: Actor, reference: string): Promise<ReferralView> {
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.view', { reference });
    const audience = referralAudienceOf(kase);
    const preview = audience === null ? null : (await packetFor(trx, ctx.cipher, kase, audience, '')).packet;
    const addresses = await readVenueAddresses(trx, kase.deskId);
    // The reporter's sealed address stays here: staff see only whether it went.
    const referrals = (await listReferrals(trx, kase.id)).map((r) => ({
      id: r.id, caseId: r.caseId, venue: r.venue, sentAt: r.sentAt, sentBy: r.sentBy, sentByName: r.sentByName, packet: openPacket(ctx.cipher, r.id, r.packetSealed),
      answer: r.answer, answeredAt: r.answeredAt, endedAt: r.endedAt, endedHow: r.endedHow,
    }));
    await appendAudit(trx, auditChain(ctx), {
      at: ctx.now(), actorKind: 'staff', actorId: actor.id, action: 'case.referral_viewed', caseId: kase.id, detail: { venue: audience },
    });
    return { venue: audience, addressSet: audience !== null && addresses.has(audience), preview, referrals };
  });
}
