import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import { recommendPlan, targetAgreesToPublicSteps, type RoutingPlan } from '../domain/routing.js';
import type { Venue } from '../domain/routing-rules.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { currentRoutingRules, latestRoutingChoice, type RoutingChoice, type StoredRoutingFacts } from '../db/repositories/routing.js';
import type { PartyRow } from '../db/repositories/case-parts.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';
import { gatherRoutingFacts } from './routing-facts.js';

export interface RoutingView {
  plan: RoutingPlan; ruleVersion: number; chosen: RoutingChoice | null; venues: Venue[];
  entered: StoredRoutingFacts; reportedParties: PartyRow[]; targetAgreesToPublicSteps: boolean;
}

/** The router's plan for a case the actor may view, with the current choice; the read is audited. */
export async function viewRouting(ctx: ServiceContext, actor: Actor, reference: string): Promise<RoutingView> {
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.view', { reference });
    const { version, rules } = await currentRoutingRules(trx, kase.deskId);
    const { facts, entered, reportedParties } = await gatherRoutingFacts(trx, kase);
    const plan = recommendPlan(rules, facts);
    const chosen = await latestRoutingChoice(trx, kase.id);
    await appendAudit(trx, auditChain(ctx), {
      at: ctx.now(), actorKind: 'staff', actorId: actor.id, action: 'case.routing_viewed', caseId: kase.id,
      detail: { ruleVersion: version, recommended: plan.venue },
    });
    return {
      plan, ruleVersion: version, chosen, venues: rules.venues.filter((v) => v.enabled), entered, reportedParties,
      targetAgreesToPublicSteps: targetAgreesToPublicSteps(facts),
    };
  });
}
