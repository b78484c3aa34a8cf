import type { RoutingView } from '../../../services/view-routing.js';
import type { RoutingResponse } from '../../../shared/api/routing.js';

/** The routing of a case as staff see it: the plan, the choice, the venues and the facts entered. */
export function presentRouting(view: RoutingView): RoutingResponse {
  const { plan, chosen, entered } = view;
  return {
    recommendation: { venue: plan.venue, steps: plan.steps, reasons: plan.reasons, care: plan.care },
    ruleVersion: view.ruleVersion,
    chosen: chosen === null ? null : {
      venue: chosen.venue, reason: chosen.reason, by: chosen.byUsername, at: chosen.at.toISOString(),
      ruleVersion: chosen.ruleVersion, recommendedVenue: chosen.recommendedVenue,
    },
    venues: view.venues.map((v) => ({ id: v.id, name: v.name, pointsTo: v.pointsTo })),
    facts: {
      ongoing: entered.ongoing, subtle: entered.subtle, personalInformation: entered.personalInformation,
      privateEvidence: entered.privateEvidence, offSiteEvidence: entered.offSiteEvidence, reporter: entered.reporter,
      // Every reported party, with what was entered for them (unknown until someone does).
      reported: view.reportedParties.map((p) => {
        const s = entered.reported.find((r) => r.partyId === p.id);
        return { partyId: p.id, username: p.clearAccountName, advancedRights: s?.advancedRights ?? false, tenure: s?.tenure ?? null, sanctioned: s?.sanctioned ?? false };
      }),
    },
    targetAgreesToPublicSteps: view.targetAgreesToPublicSteps,
  };
}
