import { describe, expect, it } from 'vitest';
import { checkVenueChoice, recommendPlan, UNKNOWN_STANDING, type RoutingFacts, type Standing } from './routing.js';
import { checkRuleSet, DEFAULT_RULE_SET, type RuleSet } from './routing-rules.js';

const base: RoutingFacts = {
  category: 'hounding', severity: 'normal', ongoing: false, subtle: false, personalInformation: false,
  privateEvidence: false, offSiteEvidence: false, reported: [UNKNOWN_STANDING], reporter: null, targetWishes: null,
};
const facts = (over: Partial<RoutingFacts>): RoutingFacts => ({ ...base, ...over });
const standing = (over: Partial<Standing>): Standing => ({ ...UNKNOWN_STANDING, ...over });
const plan = (over: Partial<RoutingFacts>, rules: RuleSet = DEFAULT_RULE_SET) => recommendPlan(rules, facts(over));
const stepsOf = (over: Partial<RoutingFacts>) => plan(over).steps.map((s) => `${s.place}:${s.venue}`);
const reasonsOf = (over: Partial<RoutingFacts>) => plan(over).reasons.map((r) => [r.venue, r.key, r.params]);

describe('the default rules, one by one', () => {
  it('sends clear-cut on-site harassment to a single administrator, saying nothing else fitted', () => {
    expect(stepsOf({})).toEqual(['primary:single_admin']);
    expect(reasonsOf({})).toEqual([['single_admin', 'routing.why.fallback', {}]]);
  });

  it.each(['threat_of_violence', 'self_harm'] as const)('sends %s to the emergency venue, naming the category', (category) => {
    expect(stepsOf({ category, severity: 'normal' })).toEqual(['primary:emergency']);
    expect(reasonsOf({ category })).toEqual([['emergency', 'routing.why.category_in', { category }]]);
  });

  it('sends any emergency severity to the emergency venue, naming the severity', () => {
    expect(stepsOf({ severity: 'emergency' })).toEqual(['primary:emergency']);
    expect(reasonsOf({ severity: 'emergency' })).toEqual([['emergency', 'routing.why.severity_at_least', { severity: 'emergency' }]]);
  });

  it('contains personal information first, then a single administrator', () => {
    expect(stepsOf({ category: 'personal_information', severity: 'normal' })).toEqual(['before:containment', 'primary:single_admin']);
    expect(reasonsOf({ personalInformation: true })).toEqual([
      ['containment', 'routing.why.personal_information', {}], ['single_admin', 'routing.why.fallback', {}],
    ]);
  });

  it('sends serious, ongoing harassment to trust and safety, with both reasons', () => {
    expect(stepsOf({ severity: 'high', ongoing: true })).toEqual(['primary:trust_and_safety']);
    expect(reasonsOf({ severity: 'high', ongoing: true })).toEqual([
      ['trust_and_safety', 'routing.why.severity_at_least', { severity: 'high' }], ['trust_and_safety', 'routing.why.ongoing', {}],
    ]);
    // Serious but over, or ongoing but not serious: not beyond the desk.
    expect(stepsOf({ severity: 'high' })).toEqual(['primary:single_admin']);
    expect(stepsOf({ ongoing: true })).toEqual(['primary:single_admin']);
  });

  it('sends a reported person with advanced rights to the functionaries', () => {
    const over = { reported: [UNKNOWN_STANDING, standing({ advancedRights: true })] };
    expect(stepsOf(over)).toEqual(['primary:functionaries']);
    expect(reasonsOf(over)).toEqual([['functionaries', 'routing.why.reported_advanced_rights', {}]]);
  });

  it.each([{ privateEvidence: true }, { offSiteEvidence: true }])('sends private or off-site evidence (%j) to the functionaries', (over) => {
    expect(stepsOf(over)).toEqual(['primary:functionaries']);
    expect(reasonsOf(over)).toEqual([['functionaries', 'routing.why.private_or_off_site_evidence', {}]]);
  });

  it('sends subtle harassment to a private review', () => {
    expect(stepsOf({ subtle: true })).toEqual(['primary:private_review']);
    expect(reasonsOf({ subtle: true })).toEqual([['private_review', 'routing.why.subtle', {}]]);
  });

  it('sends a long-standing reported contributor to a private review', () => {
    const over = { reported: [standing({ tenure: 'long_standing' })] };
    expect(stepsOf(over)).toEqual(['primary:private_review']);
    expect(reasonsOf(over)).toEqual([['private_review', 'routing.why.reported_long_standing', {}]]);
    expect(stepsOf({ reported: [standing({ tenure: 'established' })] })).toEqual(['primary:single_admin']);
  });

  it('never recommends the noticeboard by default, even with consent', () => {
    const wishes = { wantsAction: 'yes' as const, agreesToPublicSteps: true };
    expect(stepsOf({ targetWishes: wishes })).toEqual(['primary:single_admin']);
  });
});

describe('combinations', () => {
  it('puts containment before an emergency when both apply', () => {
    expect(stepsOf({ category: 'personal_information', severity: 'emergency' })).toEqual(['before:containment', 'primary:emergency']);
  });

  it('ranks emergency over trust and safety, trust and safety over functionaries, functionaries over private review', () => {
    const all = { subtle: true, privateEvidence: true, severity: 'high' as const, ongoing: true };
    expect(plan({ ...all, severity: 'emergency' }).venue).toBe('emergency');
    expect(plan(all).venue).toBe('trust_and_safety');
    expect(plan({ ...all, ongoing: false }).venue).toBe('functionaries');
    expect(plan({ ...all, ongoing: false, privateEvidence: false }).venue).toBe('private_review');
  });

  it('gives only the primary rule\'s reasons for the primary venue, plus containment\'s', () => {
    const over = { personalInformation: true, subtle: true, offSiteEvidence: true };
    expect(stepsOf(over)).toEqual(['before:containment', 'primary:functionaries']);
    expect(reasonsOf(over)).toEqual([
      ['containment', 'routing.why.personal_information', {}], ['functionaries', 'routing.why.private_or_off_site_evidence', {}],
    ]);
  });

  it('flags a sanctioned reporter for care and changes nothing else', () => {
    const sanctioned = plan({ reporter: standing({ sanctioned: true }), subtle: true });
    const clean = plan({ reporter: standing({}), subtle: true });
    expect(sanctioned.care).toBe(true);
    expect(clean.care).toBe(false);
    expect(sanctioned.steps).toEqual(clean.steps);
    expect(sanctioned.reasons.at(-1)).toEqual({ venue: 'private_review', key: 'routing.why.reporter_sanctioned', params: {} });
  });
});

describe('a desk\'s own rules', () => {
  const edited: RuleSet = {
    venues: [
      ...DEFAULT_RULE_SET.venues.map((v) => (v.id === 'functionaries' ? { ...v, pointsTo: 'the stewards' } : v.id === 'trust_and_safety' ? { ...v, enabled: false } : v)),
      { id: 'mediation', name: 'Mediation', enabled: true, pointsTo: null },
    ],
    rules: [
      { venue: 'trust_and_safety', place: 'primary', anyOf: [[{ kind: 'ongoing' }]] },
      { venue: 'mediation', place: 'primary', anyOf: [[{ kind: 'reported_count_at_least', count: 2 }]] },
      { venue: 'noticeboard', place: 'after', anyOf: [[{ kind: 'target_agrees_to_public_steps' }]] },
    ],
    fallback: 'private_review',
  };

  it('passes the check', () => expect(checkRuleSet(edited)).toEqual([]));

  it('skips a switched-off venue, uses an added one, and falls back where the desk says', () => {
    expect(plan({ ongoing: true }, edited).venue).toBe('private_review');
    const two = plan({ reported: [UNKNOWN_STANDING, UNKNOWN_STANDING] }, edited);
    expect(two.steps).toEqual([{ venue: 'mediation', place: 'primary' }]);
    expect(two.reasons).toEqual([{ venue: 'mediation', key: 'routing.why.reported_count_at_least', params: { count: 2 } }]);
  });

  it('adds the noticeboard after the primary venue only with the target\'s consent', () => {
    expect(plan({ targetWishes: { wantsAction: 'yes', agreesToPublicSteps: true } }, edited).steps.map((s) => s.venue)).toEqual(['private_review', 'noticeboard']);
    expect(plan({ targetWishes: { wantsAction: 'yes', agreesToPublicSteps: false } }, edited).steps.map((s) => s.venue)).toEqual(['private_review']);
  });

  it('still contains personal information first although its rules forgot to', () => {
    expect(plan({ personalInformation: true }, edited).steps[0]).toEqual({ venue: 'containment', place: 'before' });
  });

  it.each([
    [{ ...edited, fallback: 'trust_and_safety' }, 'fallback'],
    [{ ...edited, fallback: 'noticeboard' }, 'fallback'],
    [{ ...edited, venues: edited.venues.filter((v) => v.id !== 'containment') }, 'venues'],
    [{ ...edited, venues: [...edited.venues, { id: 'Bad Id', name: 'x', enabled: true, pointsTo: null }] }, 'venues.8.id'],
    [{ ...edited, venues: [...edited.venues, { id: 'custom', name: null, enabled: true, pointsTo: null }] }, 'venues.8.name'],
    [{ ...edited, rules: [{ venue: 'nowhere', place: 'primary' as const, anyOf: [[{ kind: 'ongoing' as const }]] }] }, 'rules.0.venue'],
    [{ ...edited, rules: [{ venue: 'single_admin', place: 'primary' as const, anyOf: [[]] }] }, 'rules.0.anyOf'],
  ])('refuses a broken rule set (%#)', (set, path) => {
    expect(checkRuleSet(set).map((p) => p.path)).toContain(path);
  });
});

describe('checking a handler\'s choice', () => {
  const consent = { wantsAction: 'yes' as const, agreesToPublicSteps: true };
  const choose = (venue: string, reason: string | null, exposureAcknowledged: boolean, over: Partial<RoutingFacts> = {}) =>
    checkVenueChoice(DEFAULT_RULE_SET, facts(over), plan(over), { venue, reason, exposureAcknowledged });

  it('takes the recommendation without a reason', () => expect(choose('single_admin', null, false)).toBeNull());
  it('needs a reason to go elsewhere', () => {
    expect(choose('private_review', null, false)).toBe('reason_required');
    expect(choose('private_review', '   ', false)).toBe('reason_required');
    expect(choose('private_review', 'The reported user is a mentor.', false)).toBeNull();
  });
  it('refuses a venue the desk does not have', () => expect(choose('elsewhere', 'why not', false)).toBe('unknown_venue'));
  it('refuses the noticeboard without consent, then without the warning acknowledged', () => {
    expect(choose('noticeboard', 'last resort', true)).toBe('consent_required');
    expect(choose('noticeboard', 'last resort', true, { targetWishes: { wantsAction: 'yes', agreesToPublicSteps: null } })).toBe('consent_required');
    expect(choose('noticeboard', 'last resort', false, { targetWishes: consent })).toBe('exposure_not_acknowledged');
    expect(choose('noticeboard', 'last resort', true, { targetWishes: consent })).toBeNull();
  });
});
