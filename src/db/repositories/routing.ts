import { DEFAULT_RULE_SET, type RuleSet } from '../../domain/routing-rules.js';
import type { PlanStep, Standing } from '../../domain/routing.js';
import { RoutingFactsBody, RuleSetBody } from '../../shared/api/routing.js';
import type { HavenDb } from '../connection.js';
import { toDate } from '../schema.js';

/** A desk's routing rules and their version; version 0 is the defaults, before any save. */
export interface VersionedRules { version: number; rules: RuleSet }

/** The desk's current rules: its latest saved version, or the defaults. */
export async function currentRoutingRules(db: HavenDb, deskId: string): Promise<VersionedRules> {
  const row = await db.selectFrom('desk_routing_rules').select(['version', 'rules'])
    .where('desk_id', '=', deskId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (row === undefined) return { version: 0, rules: DEFAULT_RULE_SET };
  return { version: row.version, rules: RuleSetBody.parse(JSON.parse(row.rules)) };
}

/**
 * Saves a new version of a desk's rules. The version is the next after `previous`; two admins
 * saving from the same version collide on the primary key and the second fails, rather than
 * one silently replacing the other.
 */
export async function saveRoutingRules(
  db: HavenDb, input: { deskId: string; previous: number; rules: RuleSet; by: string; at: Date },
): Promise<number> {
  const version = input.previous + 1;
  await db.insertInto('desk_routing_rules').values({
    desk_id: input.deskId, version, rules: JSON.stringify(input.rules), saved_at: input.at.toISOString(), saved_by: input.by,
  }).execute();
  return version;
}

/** What a handler entered about a case; reported standings by party id. */
export interface StoredRoutingFacts {
  ongoing: boolean; subtle: boolean; personalInformation: boolean; privateEvidence: boolean; offSiteEvidence: boolean;
  reporter: Standing | null;
  reported: ({ partyId: string } & Standing)[];
}

/** The facts a handler entered about a case, or null before anyone did. */
export async function findRoutingFacts(db: HavenDb, caseId: string): Promise<StoredRoutingFacts | null> {
  const row = await db.selectFrom('case_routing_facts').select('facts').where('case_id', '=', caseId).executeTakeFirst();
  return row === undefined ? null : RoutingFactsBody.parse(JSON.parse(row.facts));
}

/** Replaces the facts entered about a case. */
export async function saveRoutingFacts(db: HavenDb, input: { caseId: string; facts: StoredRoutingFacts; by: string; at: Date }): Promise<void> {
  const facts = JSON.stringify(input.facts);
  await db.insertInto('case_routing_facts')
    .values({ case_id: input.caseId, facts, updated_at: input.at.toISOString(), updated_by: input.by })
    .onConflict((oc) => oc.column('case_id').doUpdateSet({ facts, updated_at: input.at.toISOString(), updated_by: input.by }))
    .execute();
}

/** A venue chosen for a case. */
export interface RoutingChoice {
  venue: string; reason: string | null; byUsername: string | null; at: Date; ruleVersion: number; recommendedVenue: string;
}

/** Records a choice of venue with what was recommended and by which rule version. */
export async function insertRoutingChoice(db: HavenDb, input: {
  id: string; caseId: string; at: Date; by: string; ruleVersion: number; recommendedVenue: string; recommendedSteps: PlanStep[];
  venue: string; reason: string | null;
}): Promise<void> {
  await db.insertInto('case_routing_choices').values({
    id: input.id, case_id: input.caseId, chosen_at: input.at.toISOString(), chosen_by: input.by, rule_version: input.ruleVersion,
    recommended_venue: input.recommendedVenue, recommended_steps: JSON.stringify(input.recommendedSteps),
    chosen_venue: input.venue, reason: input.reason,
  }).execute();
}

/** The latest choice of venue for a case, or null. */
export async function latestRoutingChoice(db: HavenDb, caseId: string): Promise<RoutingChoice | null> {
  const row = await db.selectFrom('case_routing_choices')
    .leftJoin('staff_users', 'staff_users.id', 'case_routing_choices.chosen_by')
    .select(['case_routing_choices.chosen_venue', 'case_routing_choices.reason', 'staff_users.username', 'case_routing_choices.chosen_at',
      'case_routing_choices.rule_version', 'case_routing_choices.recommended_venue'])
    .where('case_routing_choices.case_id', '=', caseId)
    .orderBy('case_routing_choices.chosen_at', 'desc').orderBy('case_routing_choices.id', 'desc')
    .limit(1).executeTakeFirst();
  if (row === undefined) return null;
  return {
    venue: row.chosen_venue, reason: row.reason, byUsername: row.username, at: toDate(row.chosen_at),
    ruleVersion: row.rule_version, recommendedVenue: row.recommended_venue,
  };
}

/** Sets the case's venue and, when the venue needs it, marks the case for review. */
export async function setCaseVenue(
  db: HavenDb, input: { caseId: string; venue: string; requiresReview: boolean; requiredSignOffs: number; now: Date },
): Promise<void> {
  let update = db.updateTable('cases').set({ venue: input.venue, updated_at: input.now.toISOString() });
  // Choosing a venue that needs review marks the case; choosing another never unmarks it, since a
  // handler's own mark (with its reason) must not vanish because the venue changed.
  if (input.requiresReview) update = update.set({ requires_review: 1, required_sign_offs: input.requiredSignOffs });
  await update.where('id', '=', input.caseId).execute();
}
