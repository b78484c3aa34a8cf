import { canOnCase, type Actor, type CaseAction } from '../domain/access-policy.js';
import { findCase, type CaseRecord } from '../db/repositories/cases.js';
import type { HavenDb } from '../db/connection.js';
import { AppError, notFound } from './errors.js';

/** How many merges a reference is followed through; bounds a cycle, which Haven never writes. */
const MAX_MERGE_HOPS = 8;

/** What a staff member is told when they may see a case but not do this to it. */
const REFUSALS: Readonly<Record<CaseAction, string>> = {
  'case.list': 'Your role cannot list cases.',
  'case.view': 'Your role cannot open cases.',
  'case.assign': 'Your role cannot take cases.',
  'case.update': 'Your role cannot change cases.',
};

/**
 * The one way staff reach a case: this actor, this action, this case. A case the actor may
 * not see throws exactly the not-found of a case that does not exist, so a restricted case
 * stays invisible rather than locked. A case they may see but not act on this way is
 * `forbidden`, with `refusal` (or the action's own words) as the reason: they know it exists.
 */
export async function loadCaseFor(
  db: HavenDb, actor: Actor, action: CaseAction, by: { reference: string } | { id: string }, refusal?: string,
): Promise<CaseRecord> {
  let kase = await findCase(db, by);
  // A merged duplicate's reference leads to the case that absorbed its work (a duplicate of a
  // duplicate, a hop further); the access check below is the surviving case's own.
  for (let hops = 0; 'reference' in by && kase !== null && kase.mergedIntoId !== null && hops < MAX_MERGE_HOPS; hops += 1) {
    kase = await findCase(db, { id: kase.mergedIntoId });
  }
  if (kase === null || !canOnCase(actor, 'case.view', kase)) throw notFound();
  if (!canOnCase(actor, action, kase)) throw new AppError('forbidden', refusal ?? REFUSALS[action]);
  return kase;
}
