// The API contract of routing, triage and review (issue 12). The rule set schema is also how the
// database's stored JSON is checked on the way back in (src/db/repositories/routing.ts).
import { z } from 'zod';
import { CATEGORIES } from '../../domain/categories.js';
import { SEVERITIES } from '../../domain/severity.js';
import { TENURES } from '../../domain/routing.js';
import { CONDITION_KINDS, isVenueId, RULE_PLACES } from '../../domain/routing-rules.js';
import { SIGN_OFF_DECISIONS } from '../../domain/review.js';
import { isDeskSlug } from '../../domain/desks.js';
import { cleanText } from '../text-rules.js';

const venueId = z.string().max(40).refine(isVenueId, { message: 'A venue id is lower-case letters, digits and underscores.' });

/** A person's standing, as a handler entered it. */
export const Standing = z.strictObject({
  advancedRights: z.boolean(),
  tenure: z.enum(TENURES).nullable(),
  sanctioned: z.boolean(),
});
export type Standing = z.infer<typeof Standing>;

/** What a handler records about a case for the router. */
export const RoutingFactsBody = z.strictObject({
  ongoing: z.boolean(),
  subtle: z.boolean(),
  personalInformation: z.boolean(),
  privateEvidence: z.boolean(),
  offSiteEvidence: z.boolean(),
  reporter: Standing.nullable(),
  /** Standing of reported parties, by party id; a reported party not named here is not known. */
  reported: z.array(z.strictObject({ partyId: z.string().min(1).max(64) }).extend(Standing.shape)).max(50),
});
export type RoutingFactsBody = z.infer<typeof RoutingFactsBody>;

const Condition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('category_in'), categories: z.array(z.enum(CATEGORIES)).min(1) }),
  z.strictObject({ kind: z.literal('severity_at_least'), severity: z.enum(SEVERITIES) }),
  z.strictObject({ kind: z.literal('reported_count_at_least'), count: z.number().int().min(0).max(100) }),
  ...CONDITION_KINDS.filter((k) => k !== 'category_in' && k !== 'severity_at_least' && k !== 'reported_count_at_least')
    .map((kind) => z.strictObject({ kind: z.literal(kind) })),
]);

/** A desk's venues and rules, as a desk admin saves them. */
export const RuleSetBody = z.strictObject({
  venues: z.array(z.strictObject({
    id: venueId, name: cleanText(100, 1).nullable(), enabled: z.boolean(), pointsTo: cleanText(200, 1).nullable(),
  })).min(1).max(30),
  rules: z.array(z.strictObject({
    venue: venueId, place: z.enum(RULE_PLACES), anyOf: z.array(z.array(Condition).max(10)).max(10),
  })).max(50),
  fallback: venueId,
});
export type RuleSetBody = z.infer<typeof RuleSetBody>;

export const RoutingRulesResponse = z.object({ version: z.number().int(), rules: RuleSetBody });
export type RoutingRulesResponse = z.infer<typeof RoutingRulesResponse>;

export const DeskParams = z.strictObject({ slug: z.string().max(40).refine(isDeskSlug, { message: 'A desk is named by its slug.' }) });

/** A new version of a desk's rules, based on the version the admin opened. */
export const SaveRulesBody = z.strictObject({ basedOn: z.number().int().min(0), rules: RuleSetBody });
export type SaveRulesBody = z.input<typeof SaveRulesBody>;

/** A handler's choice of venue. */
export const VenueChoiceBody = z.strictObject({
  venue: venueId,
  /** Needed when the choice differs from the recommendation. */
  reason: cleanText(2000, 1).nullish(),
  /** The handler saw the warning that a public noticeboard exposes the target. */
  exposureAcknowledged: z.boolean().optional(),
});
export type VenueChoiceBody = z.input<typeof VenueChoiceBody>;

const PlanStep = z.object({ venue: z.string(), place: z.enum(RULE_PLACES) });
const Reason = z.object({ venue: z.string(), key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });

/** The router's plan for a case, what was chosen, and what it was decided from. */
export const RoutingResponse = z.object({
  recommendation: z.object({ venue: z.string(), steps: z.array(PlanStep), reasons: z.array(Reason), care: z.boolean() }),
  ruleVersion: z.number().int(),
  chosen: z.object({
    venue: z.string(), reason: z.string().nullable(), by: z.string().nullable(), at: z.string(),
    ruleVersion: z.number().int(), recommendedVenue: z.string(),
  }).nullable(),
  venues: z.array(z.object({ id: z.string(), name: z.string().nullable(), pointsTo: z.string().nullable() })),
  facts: RoutingFactsBody.extend({
    reported: z.array(z.object({ partyId: z.string(), username: z.string().nullable() }).extend(Standing.shape)),
  }),
  targetAgreesToPublicSteps: z.boolean(),
});
export type RoutingResponse = z.infer<typeof RoutingResponse>;

/** A handler's triage: a new category and/or severity, with the reason. */
export const TriageBody = z.strictObject({
  category: z.enum(CATEGORIES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  reason: cleanText(2000, 1),
}).refine((b) => b.category !== undefined || b.severity !== undefined, { message: 'Change the category, the severity or both.', path: ['category'] });
export type TriageBody = z.input<typeof TriageBody>;

/** A handler marks a case for review. */
export const ReviewMarkBody = z.strictObject({ reason: cleanText(2000, 1) });
export type ReviewMarkBody = z.input<typeof ReviewMarkBody>;

/** A reviewer's sign-off. */
export const SignOffBody = z.strictObject({ decision: z.enum(SIGN_OFF_DECISIONS), comment: cleanText(4000, 1) });
export type SignOffBody = z.input<typeof SignOffBody>;

/** A note in the review's discussion. */
export const ReviewNoteBody = z.strictObject({ body: cleanText(4000, 1) });
export type ReviewNoteBody = z.input<typeof ReviewNoteBody>;

/** A case's review: whether it needs one, the sign-offs, and the discussion. */
export const ReviewResponse = z.object({
  requiresReview: z.boolean(),
  requiredSignOffs: z.number().int(),
  approvals: z.number().int(),
  mayClose: z.boolean(),
  canSignOff: z.boolean(),
  signOffs: z.array(z.object({ by: z.string(), decision: z.enum(SIGN_OFF_DECISIONS), comment: z.string(), at: z.string() })),
  notes: z.array(z.object({ id: z.string(), by: z.string().nullable(), body: z.string(), at: z.string() })),
});
export type ReviewResponse = z.infer<typeof ReviewResponse>;
