// The router: from a case's facts and its desk's rules to a recommended plan, with reasons in
// words (catalog keys with parameters). Pure, so the console can show the same plan, and so the
// promises below are proved over generated facts and rule sets (routing.property.test.ts).
import type { Category } from './categories.js';
import type { TargetWishes } from './consent.js';
import { severityRank, type Severity } from './severity.js';
import type { Condition, RulePlace, RuleSet } from './routing-rules.js';

/** How long someone has been part of the community, as a handler judged it. */
export const TENURES = ['new', 'established', 'long_standing'] as const;
export type Tenure = (typeof TENURES)[number];

/**
 * A person's standing in the community. Handlers enter it by hand today; the wiki connector
 * will fill it in later. `tenure` null: not known.
 */
export interface Standing {
  advancedRights: boolean;
  tenure: Tenure | null;
  /** Currently blocked, banned or otherwise sanctioned. */
  sanctioned: boolean;
}

/** A standing that says nothing: what a person starts with before anyone looks. */
export const UNKNOWN_STANDING: Standing = { advancedRights: false, tenure: null, sanctioned: false };

/** Everything the router looks at. */
export interface RoutingFacts {
  category: Category;
  severity: Severity;
  ongoing: boolean;
  /** Harassment that is hard to see from one diff: a pattern, insinuation, a hostile climate. */
  subtle: boolean;
  /** Personal information was posted (besides the category saying so). */
  personalInformation: boolean;
  privateEvidence: boolean;
  offSiteEvidence: boolean;
  /** One standing per reported person; how many people are reported is its length. */
  reported: Standing[];
  reporter: Standing | null;
  targetWishes: TargetWishes | null;
}

/** One step of a plan: a venue, before, as or after the primary venue. */
export interface PlanStep { venue: string; place: RulePlace }

/** Why the plan holds a venue: a catalog key (`console` area) with its parameters. */
export interface RoutingReason {
  venue: string;
  key: `routing.why.${Condition['kind'] | 'fallback' | 'reporter_sanctioned'}`;
  params: Record<string, string | number>;
}

/** The recommendation: the primary venue, every step in order, and the reasons. */
export interface RoutingPlan {
  venue: string;
  steps: PlanStep[];
  reasons: RoutingReason[];
  /** The reporter is blocked or sanctioned: handle with care. This never lowers the plan. */
  care: boolean;
}

/** Whether personal information is involved: by the category or by what the handler found. */
export function involvesPersonalInformation(facts: RoutingFacts): boolean {
  return facts.personalInformation || facts.category === 'personal_information';
}

/** Whether the target has agreed, on the record, to public steps. */
export function targetAgreesToPublicSteps(facts: Pick<RoutingFacts, 'targetWishes'>): boolean {
  return facts.targetWishes?.agreesToPublicSteps === true;
}

function holds(c: Condition, facts: RoutingFacts): boolean {
  switch (c.kind) {
    case 'category_in': return c.categories.includes(facts.category);
    // Rank 0 is the most urgent, so "at least" is a rank no greater.
    case 'severity_at_least': return severityRank(facts.severity) <= severityRank(c.severity);
    case 'ongoing': return facts.ongoing;
    case 'subtle': return facts.subtle;
    case 'personal_information': return involvesPersonalInformation(facts);
    case 'reported_advanced_rights': return facts.reported.some((s) => s.advancedRights);
    case 'reported_long_standing': return facts.reported.some((s) => s.tenure === 'long_standing');
    case 'reported_sanctioned': return facts.reported.some((s) => s.sanctioned);
    case 'private_or_off_site_evidence': return facts.privateEvidence || facts.offSiteEvidence;
    case 'reported_count_at_least': return facts.reported.length >= c.count;
    case 'target_agrees_to_public_steps': return targetAgreesToPublicSteps(facts);
    default: {
      const unreachable: never = c;
      throw new Error(`Unknown condition: ${JSON.stringify(unreachable)}`);
    }
  }
}

function reasonFor(venue: string, c: Condition, facts: RoutingFacts): RoutingReason {
  const key = `routing.why.${c.kind}` as const;
  switch (c.kind) {
    case 'category_in': return { venue, key, params: { category: facts.category } };
    case 'severity_at_least': return { venue, key, params: { severity: facts.severity } };
    case 'reported_count_at_least': return { venue, key, params: { count: facts.reported.length } };
    case 'ongoing':
    case 'subtle':
    case 'personal_information':
    case 'reported_advanced_rights':
    case 'reported_long_standing':
    case 'reported_sanctioned':
    case 'private_or_off_site_evidence':
    case 'target_agrees_to_public_steps':
      return { venue, key, params: {} };
    default: {
      const unreachable: never = c;
      throw new Error(`Unknown condition: ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * The plan for a case. `rules` must have passed `checkRuleSet`. Whatever the rules say, three
 * things hold: exactly one primary venue; containment comes first whenever personal information
 * is involved; the public noticeboard is never recommended without the target's consent.
 */
export function recommendPlan(rules: RuleSet, facts: RoutingFacts): RoutingPlan {
  const enabled = new Set(rules.venues.filter((v) => v.enabled).map((v) => v.id));
  // The noticeboard exposes the target to everyone; no rule may send a case there unasked.
  const usable = (venue: string) => enabled.has(venue) && (venue !== 'noticeboard' || targetAgreesToPublicSteps(facts));
  const before: string[] = [];
  const after: string[] = [];
  let primary: string | null = null;
  const reasons: RoutingReason[] = [];
  for (const rule of rules.rules) {
    if (!usable(rule.venue)) continue;
    const group = rule.anyOf.find((conditions) => conditions.every((c) => holds(c, facts)));
    if (group === undefined) continue;
    if (rule.place === 'primary') {
      if (primary !== null) continue;
      primary = rule.venue;
    } else {
      const list = rule.place === 'before' ? before : after;
      if (list.includes(rule.venue)) continue;
      list.push(rule.venue);
    }
    reasons.push(...group.map((c) => reasonFor(rule.venue, c, facts)));
  }
  if (primary === null) {
    if (!usable(rules.fallback)) throw new Error('The rule set has no usable fallback; it must pass checkRuleSet before use.');
    primary = rules.fallback;
    reasons.push({ venue: primary, key: 'routing.why.fallback', params: {} });
  }
  const main = primary;
  const steps: PlanStep[] = [
    ...before.filter((v) => v !== main).map((venue) => ({ venue, place: 'before' as const })),
    { venue: main, place: 'primary' },
    ...after.filter((v) => v !== main && !before.includes(v)).map((venue) => ({ venue, place: 'after' as const })),
  ];
  const planned = containmentFirst(steps, facts, reasons);
  const care = facts.reporter?.sanctioned === true;
  if (care) reasons.push({ venue: main, key: 'routing.why.reporter_sanctioned', params: {} });
  return { venue: main, steps: planned, reasons, care };
}

/**
 * Containment before anything else when personal information is involved, even on a desk whose
 * rules forgot it: every hour it stays up it spreads, and nothing else in the plan undoes that.
 */
function containmentFirst(steps: PlanStep[], facts: RoutingFacts, reasons: RoutingReason[]): PlanStep[] {
  if (!involvesPersonalInformation(facts)) return steps;
  const existing = steps.find((s) => s.venue === 'containment');
  const rest = steps.filter((s) => s.venue !== 'containment');
  if (!reasons.some((r) => r.venue === 'containment')) {
    reasons.unshift({ venue: 'containment', key: 'routing.why.personal_information', params: {} });
  }
  return [existing?.place === 'primary' ? existing : { venue: 'containment', place: 'before' }, ...rest];
}

/** Why a handler's choice of venue is refused. */
export type ChoiceRefusal = 'unknown_venue' | 'reason_required' | 'consent_required' | 'exposure_not_acknowledged';

/** A handler's choice of venue. */
export interface VenueChoice { venue: string; reason: string | null; exposureAcknowledged: boolean }

/**
 * Whether a handler may choose this venue. Going against the recommendation needs a reason on
 * the record; the noticeboard needs the target's recorded consent and the handler's
 * acknowledgement of the exposure warning, in that order. Null: allowed.
 */
export function checkVenueChoice(rules: RuleSet, facts: RoutingFacts, plan: RoutingPlan, choice: VenueChoice): ChoiceRefusal | null {
  if (!rules.venues.some((v) => v.id === choice.venue && v.enabled)) return 'unknown_venue';
  if (choice.venue !== plan.venue && (choice.reason === null || choice.reason.trim() === '')) return 'reason_required';
  if (choice.venue === 'noticeboard') {
    if (!targetAgreesToPublicSteps(facts)) return 'consent_required';
    if (!choice.exposureAcknowledged) return 'exposure_not_acknowledged';
  }
  return null;
}
