// The router's promises, proved over generated facts, on the default rules and on generated
// edited rule sets: exactly one primary venue; containment first whenever personal information is
// involved; never the noticeboard without the target's consent; a sanctioned reporter changes
// nothing but the care flag.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from './categories.js';
import { SEVERITIES } from './severity.js';
import { involvesPersonalInformation, recommendPlan, TENURES, type RoutingFacts, type Standing } from './routing.js';
import {
  checkRuleSet, DEFAULT_RULE_SET, DEFAULT_VENUE_IDS, RULE_PLACES, type Condition, type RuleSet,
} from './routing-rules.js';

const standing: fc.Arbitrary<Standing> = fc.record({
  advancedRights: fc.boolean(), tenure: fc.constantFrom(null, ...TENURES), sanctioned: fc.boolean(),
});

const facts: fc.Arbitrary<RoutingFacts> = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  severity: fc.constantFrom(...SEVERITIES),
  ongoing: fc.boolean(), subtle: fc.boolean(), personalInformation: fc.boolean(),
  privateEvidence: fc.boolean(), offSiteEvidence: fc.boolean(),
  reported: fc.array(standing, { maxLength: 4 }),
  reporter: fc.option(standing, { nil: null }),
  targetWishes: fc.option(fc.record({
    wantsAction: fc.constantFrom('yes' as const, 'no' as const, 'unsure' as const, null),
    agreesToPublicSteps: fc.constantFrom(true, false, null),
  }), { nil: null }),
});

const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ kind: fc.constant('category_in' as const), categories: fc.subarray([...CATEGORIES], { minLength: 1 }) }),
  fc.record({ kind: fc.constant('severity_at_least' as const), severity: fc.constantFrom(...SEVERITIES) }),
  fc.record({ kind: fc.constant('reported_count_at_least' as const), count: fc.integer({ min: 0, max: 4 }) }),
  fc.constantFrom(
    ...(['ongoing', 'subtle', 'personal_information', 'reported_advanced_rights', 'reported_long_standing', 'reported_sanctioned',
      'private_or_off_site_evidence', 'target_agrees_to_public_steps'] as const).map((kind) => ({ kind })),
  ),
);

/** Edited rule sets as an admin could save them: any venues renamed, added or switched off, any rules. */
const ruleSet: fc.Arbitrary<RuleSet> = fc
  .record({
    switchedOff: fc.subarray<string>(DEFAULT_VENUE_IDS.filter((id) => id !== 'containment' && id !== 'noticeboard')),
    added: fc.uniqueArray(fc.constantFrom('mediation', 'stewards', 'event_safety'), { maxLength: 3 }),
    rules: fc.array(fc.record({
      venueIndex: fc.nat(), place: fc.constantFrom(...RULE_PLACES), anyOf: fc.array(fc.array(condition, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
    }), { maxLength: 8 }),
    fallbackIndex: fc.nat(),
  })
  .map(({ switchedOff, added, rules, fallbackIndex }) => {
    const venues = [
      ...DEFAULT_VENUE_IDS.map((id) => ({ id, name: null, enabled: !switchedOff.includes(id), pointsTo: null })),
      ...added.map((id) => ({ id, name: id, enabled: true, pointsTo: null })),
    ];
    const ids = venues.map((v) => v.id);
    const fallbacks = venues.filter((v) => v.enabled && v.id !== 'noticeboard').map((v) => v.id);
    return {
      venues,
      rules: rules.map((r) => ({ venue: ids[r.venueIndex % ids.length] ?? 'single_admin', place: r.place, anyOf: r.anyOf })),
      fallback: fallbacks[fallbackIndex % fallbacks.length] ?? 'containment',
    };
  });

function expectPromisesKept(rules: RuleSet, f: RoutingFacts): void {
  const plan = recommendPlan(rules, f);
  const primaries = plan.steps.filter((s) => s.place === 'primary');
  expect(primaries).toHaveLength(1);
  expect(primaries[0]?.venue).toBe(plan.venue);
  expect(new Set(plan.steps.map((s) => s.venue)).size).toBe(plan.steps.length);
  const enabled = rules.venues.filter((v) => v.enabled).map((v) => v.id);
  for (const step of plan.steps) expect(enabled).toContain(step.venue);
  if (involvesPersonalInformation(f)) expect(plan.steps[0]?.venue).toBe('containment');
  if (f.targetWishes?.agreesToPublicSteps !== true) expect(plan.steps.map((s) => s.venue)).not.toContain('noticeboard');
  // Every venue in the plan says why it is there.
  for (const step of plan.steps) expect(plan.reasons.some((r) => r.venue === step.venue)).toBe(true);
  // A sanctioned reporter is flagged for care and never ranked lower: the plan is the same without the sanction.
  const unsanctioned = recommendPlan(rules, { ...f, reporter: f.reporter === null ? null : { ...f.reporter, sanctioned: false } });
  expect(unsanctioned.steps).toEqual(plan.steps);
  expect(plan.care).toBe(f.reporter?.sanctioned === true);
}

describe('router properties', () => {
  it('hold on the default rules', () => {
    fc.assert(fc.property(facts, (f) => expectPromisesKept(DEFAULT_RULE_SET, f)), { numRuns: 1000 });
  });

  it('hold on any rule set a desk admin could save', () => {
    fc.assert(fc.property(ruleSet, facts, (rules, f) => {
      expect(checkRuleSet(rules)).toEqual([]);
      expectPromisesKept(rules, f);
    }), { numRuns: 1000 });
  });
});
