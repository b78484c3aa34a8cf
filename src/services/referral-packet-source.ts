import { buildReferralPacket, type PacketSource, type ReferralAudience } from '../domain/referral-packet.js';
import { REFERRAL_VENUES } from '../domain/routing-rules.js';
import type { CaseRecord } from '../db/repositories/cases.js';
import { findReporterContact, listEvidence, listParties } from '../db/repositories/case-parts.js';
import { listEvents } from '../db/repositories/case-events.js';
import type { HavenDb } from '../db/connection.js';
import type { ReferralPacket } from '../shared/api/referrals.js';
import { consentsForCase } from './routing-facts.js';
import { openAccountName } from './party-details.js';
import type { FieldCipher } from './security/field-cipher.js';

/** The referral venue a case is routed to, or null when its venue sends no packet. */
export function referralAudienceOf(kase: Pick<CaseRecord, 'venue'>): ReferralAudience | null {
  const venue = kase.venue;
  return venue !== null && REFERRAL_VENUES.includes(venue) && (venue === 'trust_and_safety' || venue === 'functionaries') ? venue : null;
}

/**
 * The packet a case would send to `audience` now, built by the pure builder from the case and its
 * consent record (read in the caller's transaction, so a send uses the consent in force). Also
 * returns the reporter's sealed address when the packet may carry it.
 */
export async function packetFor(
  db: HavenDb, cipher: FieldCipher, kase: CaseRecord, audience: ReferralAudience, summary: string,
): Promise<{ packet: ReferralPacket; reporterContactSealed: { sealed: string; partyId: string } | null }> {
  const parties = await listParties(db, kase.id);
  const reporter = parties.find((p) => p.role === 'reporter');
  const target = parties.find((p) => p.role === 'target');
  const sealedContact = reporter?.hasContactEmail === true ? await findReporterContact(db, kase.id) : null;
  const source: PacketSource = {
    reference: kase.reference,
    summary,
    // The builder only asks whether an address exists; the sealed form stands in for it here.
    reporter: reporter === undefined ? null : { partyId: reporter.id, username: openAccountName(cipher, reporter), contactEmail: sealedContact?.sealed ?? null },
    target: target === undefined ? null : { partyId: target.id, username: openAccountName(cipher, target) },
    evidence: (await listEvidence(db, kase.id)).map((e) => ({
      id: e.id, url: e.url, personalInformation: e.personalInformation,
      privatelyFrom: e.isPrivate ? (e.suppliedBy === 'target' ? 'target' : 'reporter') : null,
    })),
    timeline: (await listEvents(db, kase.id)).map((e) => ({ at: e.at.toISOString(), type: e.type })),
  };
  const built = buildReferralPacket(source, audience, await consentsForCase(db, kase.id));
  return {
    packet: { ...built, reporterContact: built.reporterContact !== null },
    reporterContactSealed: built.reporterContact === null ? null : sealedContact,
  };
}
