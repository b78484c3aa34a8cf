// What the router is told about a case: the case's own category and severity, what handlers
// entered (standing, evidence, whether it is ongoing), the reported parties, and the target's
// recorded wishes and consent, read from the privacy work's storage.
import type { PartyConsent, TargetWishes } from '../domain/consent.js';
import { UNKNOWN_STANDING, type RoutingFacts } from '../domain/routing.js';
import type { CaseRecord } from '../db/repositories/cases.js';
import { listParties, type PartyRow } from '../db/repositories/case-parts.js';
import { findRoutingFacts, type StoredRoutingFacts } from '../db/repositories/routing.js';
import { listConsents } from '../db/repositories/consent.js';
import { listTargetWishes } from '../db/repositories/target-wishes.js';
import type { HavenDb } from '../db/connection.js';

/** The consent record of a case's reporter and target (parties whose role changed since no longer count). */
export function consentsForCase(db: HavenDb, caseId: string): Promise<PartyConsent[]> {
  return listConsents(db, caseId);
}

/**
 * The target's recorded wishes; null when no current target was asked. With several targets,
 * public steps count as agreed only when every one of them agreed: exposing one target on the
 * say-so of another is not consent. `wantsAction` is the latest answer recorded.
 */
export async function targetWishesForCase(db: HavenDb, caseId: string): Promise<TargetWishes | null> {
  const targets = new Set((await listParties(db, caseId)).filter((p) => p.role === 'target').map((p) => p.id));
  const recorded = (await listTargetWishes(db, caseId)).filter((w) => targets.has(w.partyId));
  if (recorded.length === 0) return null;
  const latest = recorded.reduce((a, b) => (b.recordedAt > a.recordedAt ? b : a));
  const answers = [...targets].map((id) => recorded.find((w) => w.partyId === id)?.agreesToPublicSteps ?? null);
  const agreesToPublicSteps = answers.some((a) => a === false) ? false : answers.every((a) => a === true) ? true : null;
  return { wantsAction: latest.wantsAction, agreesToPublicSteps };
}

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
