// What the router is told about a case: the case's own category and severity, what handlers
// entered (standing, evidence, whether it is ongoing), the reported parties, and the target's
// recorded wishes. The consent record and the target's wishes are stored by the privacy work
// (issue 11); until it is merged, the two readers below return "nothing recorded", which is the
// safe answer: nothing shared, no public steps.
import type { PartyConsent, TargetWishes } from '../domain/consent.js';
import { UNKNOWN_STANDING, type RoutingFacts } from '../domain/routing.js';
import type { CaseRecord } from '../db/repositories/cases.js';
import { listParties, type PartyRow } from '../db/repositories/case-parts.js';
import { findRoutingFacts, type StoredRoutingFacts } from '../db/repositories/routing.js';
import type { HavenDb } from '../db/connection.js';

/**
 * The consent record of a case's reporter and target. Returns [] until the privacy work's
 * `listConsents` (src/db/repositories/consent.ts) is merged; then it reads through that.
 */
export const consentsForCase: (db: HavenDb, caseId: string) => Promise<PartyConsent[]> = () => Promise.resolve([]);

/**
 * The target's recorded wishes. Returns null (not asked) until the privacy work stores them;
 * null keeps the noticeboard closed, since it needs the target's recorded consent.
 */
export const targetWishesForCase: (db: HavenDb, caseId: string) => Promise<TargetWishes | null> = () => Promise.resolve(null);

/** Nothing entered yet: every fact false, every standing unknown. */
export const NO_ENTERED_FACTS: StoredRoutingFacts = {
  ongoing: false, subtle: false, personalInformation: false, privateEvidence: false, offSiteEvidence: false, reporter: null, reported: [],
};

/** The router's facts for a case, with what was entered and the reported parties they belong to. */
export async function gatherRoutingFacts(db: HavenDb, kase: CaseRecord): Promise<{
  facts: RoutingFacts; entered: StoredRoutingFacts; reportedParties: PartyRow[];
}> {
  const entered = (await findRoutingFacts(db, kase.id)) ?? NO_ENTERED_FACTS;
  const reportedParties = (await listParties(db, kase.id)).filter((p) => p.role === 'reported');
  const standingOf = (partyId: string) => {
    const found = entered.reported.find((r) => r.partyId === partyId);
    return found === undefined ? UNKNOWN_STANDING : { advancedRights: found.advancedRights, tenure: found.tenure, sanctioned: found.sanctioned };
  };
  const facts: RoutingFacts = {
    category: kase.category, severity: kase.severity, ongoing: entered.ongoing, subtle: entered.subtle,
    personalInformation: entered.personalInformation, privateEvidence: entered.privateEvidence, offSiteEvidence: entered.offSiteEvidence,
    reported: reportedParties.map((p) => standingOf(p.id)),
    reporter: entered.reporter,
    targetWishes: await targetWishesForCase(db, kase.id),
  };
  return { facts, entered, reportedParties };
}
