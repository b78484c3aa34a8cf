import { isRecusalSource, type RecusalSource } from '../../domain/groups.js';
import { storedValue } from './stored-value.js';
import type { HavenDb } from '../connection.js';

// Recusals (migration 0030): staff who must not see a case. Every read path that lists cases
// leaves out those the viewer is recused from (see `notRecused` in queue.ts), and the access
// policy refuses them by reference, so a recused case is as absent as a restricted one.

/** The staff recused from each of these cases, by case id (absent: nobody). */
export async function recusedStaffByCase(db: HavenDb, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (caseIds.length === 0) return result;
  const rows = await db.selectFrom('case_recusals').select(['case_id', 'user_id']).where('case_id', 'in', [...caseIds])
    .orderBy('case_id').orderBy('user_id').execute();
  for (const row of rows) result.set(row.case_id, [...(result.get(row.case_id) ?? []), row.user_id]);
  return result;
}

/** The staff recused from one case. */
export async function recusedStaffOf(db: HavenDb, caseId: string): Promise<string[]> {
  return (await recusedStaffByCase(db, [caseId])).get(caseId) ?? [];
}

/**
 * Recuses these staff from a case; a recusal already there stays as it was (the first source
 * is the one kept). Returns the ids newly recused, so only they get a timeline entry.
 */
export async function insertRecusals(
  db: HavenDb, input: { caseId: string; userIds: readonly string[]; source: RecusalSource; now: Date },
): Promise<string[]> {
  if (input.userIds.length === 0) return [];
  const already = new Set(await recusedStaffOf(db, input.caseId));
  const fresh = [...new Set(input.userIds)].filter((id) => !already.has(id));
  if (fresh.length === 0) return [];
  await db.insertInto('case_recusals')
    .values(fresh.map((userId) => ({ case_id: input.caseId, user_id: userId, source: input.source, created_at: input.now.toISOString() })))
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .execute();
  return fresh;
}

/** A case's recusals with their sources (to carry them to another case). */
export async function listRecusals(db: HavenDb, caseId: string): Promise<{ userId: string; source: RecusalSource }[]> {
  const rows = await db.selectFrom('case_recusals').select(['user_id', 'source']).where('case_id', '=', caseId).orderBy('user_id').execute();
  return rows.map((r) => ({ userId: r.user_id, source: storedValue(r.source, isRecusalSource, 'case_recusals.source') }));
}
