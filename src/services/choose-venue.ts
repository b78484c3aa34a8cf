import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { checkVenueChoice, recommendPlan, type ChoiceRefusal, type VenueChoice } from '../domain/routing.js';
import { venueNeedsReview } from '../domain/review.js';
import { currentRoutingRules, insertRoutingChoice, setCaseVenue } from '../db/repositories/routing.js';
import { reviewSettingsOf } from '../db/repositories/review.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';
import { gatherRoutingFacts } from './routing-facts.js';

const REFUSALS: Readonly<Record<ChoiceRefusal, AppError>> = {
  unknown_venue: new AppError('validation_failed', 'The desk has no such venue switched on.', [{ path: 'venue', message: 'Choose one of the desk\'s venues.' }]),
  reason_required: new AppError('validation_failed', 'Going against the recommendation needs a reason.', [{ path: 'reason', message: 'Say why you chose another venue.' }]),
  exposure_not_acknowledged: new AppError('validation_failed', 'A public noticeboard exposes the target; acknowledge the warning first.',
    [{ path: 'exposureAcknowledged', message: 'Confirm you have read the warning about exposure.' }]),
  consent_required: new AppError('conflict', 'The target has not agreed, on the record, to public steps: the noticeboard cannot be chosen.'),
};

/**
 * A handler chooses the case's venue, following the recommendation or not. The choice keeps the
 * rule version and the plan recommended at that moment, so the record later says what the rules
 * advised and who decided otherwise, and why. A venue that needs review marks the case for it with
 * the desk's number of sign-offs.
 */
export async function chooseVenue(ctx: ServiceContext, actor: Actor, reference: string, choice: VenueChoice): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference });
    const { version, rules } = await currentRoutingRules(trx, kase.deskId);
    const { facts } = await gatherRoutingFacts(trx, kase);
    const plan = recommendPlan(rules, facts);
    const refusal = checkVenueChoice(rules, facts, plan, choice);
    if (refusal !== null) throw REFUSALS[refusal];
    const reason = choice.reason === null || choice.reason.trim() === '' ? null : choice.reason.trim();
    await insertRoutingChoice(trx, {
      id: newId(now.getTime()), caseId: kase.id, at: now, by: actor.id, ruleVersion: version,
      recommendedVenue: plan.venue, recommendedSteps: plan.steps, venue: choice.venue, reason,
    });
    const review = venueNeedsReview(choice.venue);
    const { requiredSignOffs } = await reviewSettingsOf(trx, kase.deskId);
    await setCaseVenue(trx, { caseId: kase.id, venue: choice.venue, requiresReview: review, requiredSignOffs, now });
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'venue_chosen',
      detail: reason === null ? { venue: choice.venue, recommended: plan.venue } : { venue: choice.venue, recommended: plan.venue, reason },
    }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.venue_chosen', caseId: kase.id,
      detail: { venue: choice.venue, recommended: plan.venue, ruleVersion: version, againstRecommendation: choice.venue !== plan.venue },
    });
  });
}
