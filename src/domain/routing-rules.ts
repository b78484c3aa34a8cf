// Routing rules as data: a desk's venues and the rules that recommend them. The defaults below
// follow DESIGN.md ("Triage and routing"); a desk's admins edit a copy, and every saved copy is a
// new version, so a case can say which version recommended what.
import type { Category } from './categories.js';
import type { Severity } from './severity.js';

/** The venues every desk starts with, by id. */
export const DEFAULT_VENUE_IDS = [
  'emergency', 'containment', 'trust_and_safety', 'private_review', 'functionaries', 'single_admin', 'noticeboard',
] as const;
export type DefaultVenueId = (typeof DEFAULT_VENUE_IDS)[number];

/** Venues the router itself relies on: a desk may rename them but not switch them off or remove them. */
export const REQUIRED_VENUES: readonly DefaultVenueId[] = ['containment', 'noticeboard'];

/** Venues that need several people to agree: a case routed there needs reviewer sign-offs. */
export const REVIEW_VENUES: readonly string[] = ['private_review', 'functionaries'];

/** Venues a referral packet goes to (outside the desk). */
export const REFERRAL_VENUES: readonly string[] = ['trust_and_safety', 'functionaries'];

/** A venue id: lower-case words joined by underscores, 1 to 40 characters. */
const VENUE_ID = /^[a-z][a-z0-9_]{0,39}$/;

/** Whether `value` is a well-formed venue id. */
export function isVenueId(value: string): boolean {
  return VENUE_ID.test(value);
}

/** One venue of a desk. */
export interface Venue {
  id: string;
  /** What the desk calls it; null: the catalog's name for a default venue. */
  name: string | null;
  enabled: boolean;
  /**
   * Who actually holds this venue's role for the desk, when it is not the usual body: say the
   * stewards for `functionaries` on a wiki without an arbitration committee. Null: the usual.
   */
  pointsTo: string | null;
}

/**
 * What a rule may ask about a case. A closed list, so that every condition can explain itself
 * in words (a message per kind) and none can look at the reporter's sanctions: a report from a
 * blocked or sanctioned person is never ranked lower for it.
 */
export type Condition =
  | { kind: 'category_in'; categories: Category[] }
  | { kind: 'severity_at_least'; severity: Severity }
  | { kind: 'ongoing' }
  | { kind: 'subtle' }
  | { kind: 'personal_information' }
  | { kind: 'reported_advanced_rights' }
  | { kind: 'reported_long_standing' }
  | { kind: 'reported_sanctioned' }
  | { kind: 'private_or_off_site_evidence' }
  | { kind: 'reported_count_at_least'; count: number }
  | { kind: 'target_agrees_to_public_steps' };

export const CONDITION_KINDS = [
  'category_in', 'severity_at_least', 'ongoing', 'subtle', 'personal_information', 'reported_advanced_rights',
  'reported_long_standing', 'reported_sanctioned', 'private_or_off_site_evidence', 'reported_count_at_least',
  'target_agrees_to_public_steps',
] as const satisfies readonly Condition['kind'][];

/** Where a rule's venue goes in the plan: the primary venue, or a step before or after it. */
export const RULE_PLACES = ['before', 'primary', 'after'] as const;
export type RulePlace = (typeof RULE_PLACES)[number];

/**
 * One rule: when any of its condition groups holds (every condition of the group), its venue
 * takes its place in the plan. Primary rules are tried in order and the first wins.
 */
export interface Rule {
  venue: string;
  place: RulePlace;
  /** Alternatives; each is a list of conditions that must all hold. */
  anyOf: Condition[][];
}

/** A desk's routing: its venues, its rules in order, and the venue used when no primary rule fits. */
export interface RuleSet {
  venues: Venue[];
  rules: Rule[];
  fallback: string;
}

const DEFAULT_VENUES: Venue[] = DEFAULT_VENUE_IDS.map((id) => ({ id, name: null, enabled: true, pointsTo: null }));

/** The rules every desk starts with (version 0). */
export const DEFAULT_RULE_SET: RuleSet = {
  venues: DEFAULT_VENUES,
  rules: [
    // Personal information spreads by the hour; it is contained before anything else happens.
    { venue: 'containment', place: 'before', anyOf: [[{ kind: 'personal_information' }]] },
    { venue: 'emergency', place: 'primary', anyOf: [
      [{ kind: 'category_in', categories: ['threat_of_violence', 'self_harm'] }],
      [{ kind: 'severity_at_least', severity: 'emergency' }],
    ] },
    { venue: 'trust_and_safety', place: 'primary', anyOf: [[{ kind: 'severity_at_least', severity: 'high' }, { kind: 'ongoing' }]] },
    { venue: 'functionaries', place: 'primary', anyOf: [[{ kind: 'reported_advanced_rights' }], [{ kind: 'private_or_off_site_evidence' }]] },
    { venue: 'private_review', place: 'primary', anyOf: [[{ kind: 'subtle' }], [{ kind: 'reported_long_standing' }]] },
  ],
  fallback: 'single_admin',
};

/** One problem with a rule set, by where it is. */
export interface RuleSetProblem { path: string; message: string }

/**
 * What is wrong with a rule set a desk admin wants to save; empty when it may be saved. The
 * router is total only over rule sets that pass: every rule names a venue that exists, the
 * fallback is switched on, and the venues the router relies on are there and on.
 */
export function checkRuleSet(set: RuleSet): RuleSetProblem[] {
  const problems: RuleSetProblem[] = [];
  const ids = new Set<string>();
  set.venues.forEach((v, i) => {
    if (!isVenueId(v.id)) problems.push({ path: `venues.${i}.id`, message: 'A venue id is lower-case letters, digits and underscores.' });
    if (ids.has(v.id)) problems.push({ path: `venues.${i}.id`, message: 'Each venue id may appear once.' });
    ids.add(v.id);
    if (v.name === null && !(DEFAULT_VENUE_IDS as readonly string[]).includes(v.id)) {
      problems.push({ path: `venues.${i}.name`, message: 'A venue the desk added needs a name.' });
    }
  });
  for (const required of REQUIRED_VENUES) {
    if (!set.venues.some((v) => v.id === required && v.enabled)) problems.push({ path: 'venues', message: `The venue ${required} cannot be removed or switched off.` });
  }
  const fallback = set.venues.find((v) => v.id === set.fallback);
  if (fallback === undefined || !fallback.enabled) problems.push({ path: 'fallback', message: 'The fallback must be a venue that is switched on.' });
  if (set.fallback === 'noticeboard') problems.push({ path: 'fallback', message: 'The public noticeboard cannot be the fallback.' });
  set.rules.forEach((r, i) => {
    if (!ids.has(r.venue)) problems.push({ path: `rules.${i}.venue`, message: 'A rule must name one of the desk\'s venues.' });
    if (r.anyOf.length === 0 || r.anyOf.some((group) => group.length === 0)) {
      problems.push({ path: `rules.${i}.anyOf`, message: 'A rule needs at least one condition in each alternative.' });
    }
  });
  return problems;
}


/**
 * What a containment case asks of the handler, in order. Hiding a revision is not enough (every
 * administrator can still read it), so suppression is asked of the oversighters privately; a
 * public link would spread what is being contained; wide removal is the target's call.
 */
export const CONTAINMENT_CHECKLIST = [
  'ask_oversight_privately', 'no_public_link', 'ask_target_before_wide_removal', 'advise_target_off_site',
] as const;
export type ContainmentStep = (typeof CONTAINMENT_CHECKLIST)[number];
