/**
 * What a reporter or a target has agreed may be shared, and with whom. Consent is data, not
 * prose, so that everything built for another audience (a referral packet, an emergency
 * packet, a message to the reported person) can ask one question: may this leave?
 *
 * Nothing is shared unless a grant says so: a party who was never asked has agreed to nothing.
 */

/** Who outside the desk something might go to. */
export const CONSENT_AUDIENCES = [
  'reported_person',
  'trust_and_safety',
  'functionaries',
  'emergency_contact',
  'law_enforcement',
] as const;
export type ConsentAudience = (typeof CONSENT_AUDIENCES)[number];

/**
 * What might go: who the party is (name, account), how to reach them (contact address), and
 * the evidence they supplied privately (screenshots, emails, links marked private).
 */
export const CONSENT_SUBJECTS = ['identity', 'contact', 'private_evidence'] as const;
export type ConsentSubject = (typeof CONSENT_SUBJECTS)[number];

/** The parties whose consent a case records. */
export const CONSENTING_ROLES = ['reporter', 'target'] as const;
export type ConsentingRole = (typeof CONSENTING_ROLES)[number];

export interface ConsentGrant {
  subject: ConsentSubject;
  audience: ConsentAudience;
}

export interface PartyConsent {
  partyId: string;
  role: ConsentingRole;
  grants: readonly ConsentGrant[];
  /** ISO time of the latest change; a consent is replaced, never edited in place. */
  recordedAt: string;
}

/**
 * A target's wishes, as the handler recorded them after contacting them privately. `null`
 * means not asked or not answered: the investigation goes on either way.
 */
export interface TargetWishes {
  wantsAction: 'yes' | 'no' | 'unsure' | null;
  agreesToPublicSteps: boolean | null;
}

/** True only when this party's consent grants this subject to this audience. */
export function mayShare(
  consent: PartyConsent | null | undefined,
  subject: ConsentSubject,
  audience: ConsentAudience,
): boolean {
  if (!consent) return false;
  return consent.grants.some((g) => g.subject === subject && g.audience === audience);
}
