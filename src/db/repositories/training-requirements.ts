import type { HavenDb } from '../connection.js';

/** A module a desk requires, with the title it had when it was required. */
export interface TrainingRequirementRow { deskId: string; moduleId: string; moduleTitle: string }

/** The modules the given desks require, by desk, in the order of their titles. */
export async function listTrainingRequirements(db: HavenDb, deskIds: readonly string[]): Promise<TrainingRequirementRow[]> {
  if (deskIds.length === 0) return [];
  const rows = await db
    .selectFrom('desk_training_requirements')
    .select(['desk_id', 'module_id', 'module_title'])
    .where('desk_id', 'in', deskIds)
    .orderBy('module_title')
    .execute();
  return rows.map((r) => ({ deskId: r.desk_id, moduleId: r.module_id, moduleTitle: r.module_title }));
}

/**
 * The modules a desk requires that a person has not completed: what stands between them and
 * the desk's cases. One query, so the claim that asks it adds a single round trip.
 */
export async function listMissingTraining(db: HavenDb, input: { deskId: string; staffId: string }): Promise<TrainingRequirementRow[]> {
  const rows = await db
    .selectFrom('desk_training_requirements as r')
    .leftJoin('training_progress as p', (join) => join
      .onRef('p.module_id', '=', 'r.module_id')
      .on('p.staff_id', '=', input.staffId))
    .select(['r.desk_id', 'r.module_id', 'r.module_title'])
    .where('r.desk_id', '=', input.deskId)
    .where('p.completed_at', 'is', null)
    .orderBy('r.module_title')
    .execute();
  return rows.map((r) => ({ deskId: r.desk_id, moduleId: r.module_id, moduleTitle: r.module_title }));
}

/** Requires a module on a desk (again: the title is refreshed). True when it was not required before. */
export async function requireTrainingModule(
  db: HavenDb, input: { deskId: string; moduleId: string; moduleTitle: string; by: string; at: Date },
): Promise<boolean> {
  const existing = await db.selectFrom('desk_training_requirements').select('module_id')
    .where('desk_id', '=', input.deskId).where('module_id', '=', input.moduleId).executeTakeFirst();
  await db
    .insertInto('desk_training_requirements')
    .values({ desk_id: input.deskId, module_id: input.moduleId, module_title: input.moduleTitle, required_at: input.at.toISOString(), required_by: input.by })
    .onConflict((oc) => oc.columns(['desk_id', 'module_id']).doUpdateSet({ module_title: input.moduleTitle }))
    .execute();
  return existing === undefined;
}

/** Stops requiring a module on a desk. True when it was required. */
export async function releaseTrainingModule(db: HavenDb, input: { deskId: string; moduleId: string }): Promise<boolean> {
  const result = await db.deleteFrom('desk_training_requirements')
    .where('desk_id', '=', input.deskId).where('module_id', '=', input.moduleId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
