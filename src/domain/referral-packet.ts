// What a referral to trust and safety or to the functionaries carries, built from the case and
// its consent record. Nothing leaves unless consent covers it, and personal information that was
// posted about the target never leaves at all: the packet is for an audience outside the desk.
import { mayShare, type ConsentAudience, type ConsentingRole, type PartyConsent } from './consent.js';

/** The audiences a referral goes to (venues outside the desk). */
export type ReferralAudience = Extract<ConsentAudience, 'trust_and_safety' | 'functionaries'>;

/** One piece of evidence as the packet builder sees it. */
export interface PacketEvidence {
  id: string;
  url: string;
  /** Who supplied it privately (screenshots, emails, private links); null: it is public on the site. */
  privatelyFrom: ConsentingRole | null;
  /** Marked as personal information posted about someone: never leaves the desk. */
  personalInformation: boolean;
}

/** The case as the packet builder sees it. */
export interface PacketSource {
  reference: string;
  /** The handler's summary for the referral. */
  summary: string;
  reporter: { partyId: string; username: string | null; contactEmail: string | null } | null;
  target: { partyId: string; username: string | null } | null;
  evidence: PacketEvidence[];
  /** The timeline as kinds and moments; the words of messages and reasons stay on the desk. */
  timeline: { at: string; type: string }[];
}

/** Something the packet leaves out, and why (the console shows both). */
export interface LeftOut {
  what: 'reporter_identity' | 'reporter_contact' | 'target_identity' | 'private_evidence' | 'personal_information';
  why: 'no_consent' | 'never_shared';
  /** For evidence: how many items. */
  count?: number;
}

/** The packet: what goes, and what stays and why. */
export interface ReferralPacket {
  audience: ReferralAudience;
  reference: string;
  summary: string;
  reporterUsername: string | null;
  reporterContact: string | null;
  targetUsername: string | null;
  evidence: { id: string; url: string }[];
  timeline: { at: string; type: string }[];
  leftOut: LeftOut[];
}

/** How many timeline entries an excerpt keeps: the latest ones. */
export const TIMELINE_EXCERPT = 20;

/** Builds the referral packet for `audience` from the case and its consent record. */
export function buildReferralPacket(source: PacketSource, audience: ReferralAudience, consents: readonly PartyConsent[]): ReferralPacket {
  const consentOf = (role: ConsentingRole, partyId: string | undefined) =>
    consents.find((c) => c.role === role && c.partyId === partyId) ?? null;
  const reporterConsent = consentOf('reporter', source.reporter?.partyId);
  const targetConsent = consentOf('target', source.target?.partyId);
  const leftOut: LeftOut[] = [];
  const share = (consent: PartyConsent | null, subject: 'identity' | 'contact', present: boolean, what: LeftOut['what']): boolean => {
    if (!present) return false;
    if (mayShare(consent, subject, audience)) return true;
    leftOut.push({ what, why: 'no_consent' });
    return false;
  };
  const reporterIdentity = share(reporterConsent, 'identity', source.reporter?.username != null, 'reporter_identity');
  const reporterContact = share(reporterConsent, 'contact', source.reporter?.contactEmail != null, 'reporter_contact');
  const targetIdentity = share(targetConsent, 'identity', source.target?.username != null, 'target_identity');

  const personal = source.evidence.filter((e) => e.personalInformation);
  const privateWithout = source.evidence.filter((e) => !e.personalInformation && e.privatelyFrom !== null
    && !mayShare(e.privatelyFrom === 'reporter' ? reporterConsent : targetConsent, 'private_evidence', audience));
  if (personal.length > 0) leftOut.push({ what: 'personal_information', why: 'never_shared', count: personal.length });
  if (privateWithout.length > 0) leftOut.push({ what: 'private_evidence', why: 'no_consent', count: privateWithout.length });
  const withheld = new Set([...personal, ...privateWithout].map((e) => e.id));

  return {
    audience,
    reference: source.reference,
    summary: source.summary,
    reporterUsername: reporterIdentity ? source.reporter?.username ?? null : null,
    reporterContact: reporterContact ? source.reporter?.contactEmail ?? null : null,
    targetUsername: targetIdentity ? source.target?.username ?? null : null,
    evidence: source.evidence.filter((e) => !withheld.has(e.id)).map((e) => ({ id: e.id, url: e.url })),
    timeline: source.timeline.slice(-TIMELINE_EXCERPT),
    leftOut,
  };
}
