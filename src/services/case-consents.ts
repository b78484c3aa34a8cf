import { mayShare, type ConsentAudience, type ConsentingRole, type ConsentSubject, type PartyConsent } from '../domain/consent.js';
import { listConsents } from '../db/repositories/consent.js';
import type { HavenDb } from '../db/connection.js';

/** What a case's reporter and target agreed may be shared; what builds a packet or a message asks this. */
export interface CaseConsents {
  consents: PartyConsent[];
  /** Whether the party in `role` agreed that `subject` may go to `audience`; no record: no. */
  mayShare(role: ConsentingRole, subject: ConsentSubject, audience: ConsentAudience): boolean;
}

/**
 * The consents of a case, for anything that sends outside the desk (a referral or emergency
 * packet, a message to a reported person). Call it inside the transaction that sends, so the
 * answer is the one in force when it goes.
 */
export async function caseConsents(db: HavenDb, caseId: string): Promise<CaseConsents> {
  const consents = await listConsents(db, caseId);
  return {
    consents,
    mayShare: (role, subject, audience) => consents.some((c) => c.role === role && mayShare(c, subject, audience)),
  };
}
