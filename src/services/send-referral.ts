import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { DEFAULT_WAIT_REMIND_DAYS } from '../domain/waiting.js';
import { findOpenReferral, insertReferral, readVenueAddresses } from '../db/repositories/referrals.js';
import { sealPacket } from './referral-packet-seal.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { changeCaseStatus } from './change-case-status.js';
import { startWait } from './start-wait.js';
import { packetFor, referralAudienceOf } from './referral-packet-source.js';
import { openContact } from './security/contact-seal.js';
import { SEALED, type ServiceContext } from './context.js';
import { REFERRAL_EMAIL_JOB, type ReferralEmailPayload } from './job-kinds.js';

/**
 * A handler refers a case to the outside venue it is routed to (trust and safety, the
 * functionaries). In one transaction: the packet is built from the consent in force now and
 * recorded as it goes, its email is queued for the desk's address for the venue, the case moves
 * to waiting on the venue (its clocks stop), and the timeline and audit log say so. A refusal
 * (no such venue, no address, already waiting on one, not under investigation) writes nothing.
 */
export async function sendReferral(ctx: ServiceContext, actor: Actor, reference: string, summary: string): Promise<string> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot change cases.');
    const audience = referralAudienceOf(kase);
    if (audience === null) throw new AppError('conflict', 'Only a case routed to trust and safety or to the functionaries is referred.');
    if ((await findOpenReferral(trx, kase.id)) !== null) throw new AppError('conflict', 'The case already waits on a referral; take it back first.');
    if (kase.status !== 'investigating') {
      throw new AppError('illegal_transition', 'A case is referred while it is under investigation: move it to investigating first.');
    }
    if (!(await readVenueAddresses(trx, kase.deskId)).has(audience)) {
      throw new AppError('conflict', 'The desk has no address for this venue yet; an admin of the desk sets it.');
    }
    const id = newId(now.getTime());
    const { packet, reporterContactSealed } = await packetFor(trx, ctx.cipher, kase, audience, summary);
    // The reporter's address leaves only with consent; it is sealed again, bound to this referral.
    const reporterContactEnc = reporterContactSealed === null ? null
      : ctx.cipher.seal(openContact(ctx.cipher, reporterContactSealed.sealed, reporterContactSealed.partyId), `${SEALED.referralContact}:${id}`);
    await insertReferral(trx, { id, caseId: kase.id, venue: audience, sentAt: now, sentBy: actor.id, packetSealed: sealPacket(ctx.cipher, id, packet), reporterContactEnc });
    const payload: ReferralEmailPayload = { caseId: kase.id, referralId: id };
    await enqueueJobs(trx, [{ id: newId(now.getTime()), kind: REFERRAL_EMAIL_JOB, payload, runAt: now, maxAttempts: 12 }], now);
    const by = { kind: 'staff', id: actor.id } as const;
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id,
      type: 'referral_sent', detail: { venue: audience, evidence: packet.evidence.length },
    }]);
    await changeCaseStatus(trx, kase, { to: 'waiting' }, by, now);
    await startWait(trx, kase, { on: 'outside_venue', remindAfterDays: DEFAULT_WAIT_REMIND_DAYS, staffId: actor.id, now });
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.referral_sent', caseId: kase.id,
      detail: { referralId: id, venue: audience, evidence: packet.evidence.length, reporterContact: packet.reporterContact, leftOut: packet.leftOut.map((l) => l.what) },
    });
    return id;
  });
}
