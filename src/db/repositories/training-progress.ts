import { isStaffRole } from '../../domain/access-policy.js';
import type { StoredAnswer, StoredProgress } from '../../domain/training-progress.js';
import type { HavenDb } from '../connection.js';
import { toDate, toDateOrNull } from '../schema.js';
import type { DeskRoleRow } from './staff-desk-roles.js';
import { storedValue } from './stored-value.js';

interface Where { staffId: string; moduleId: string }

/** Notes activity on a module, starting its progress row if this is the first. */
async function touchModule(db: HavenDb, where: Where, at: Date): Promise<void> {
  await db
    .insertInto('training_progress')
    .values({ staff_id: where.staffId, module_id: where.moduleId, started_at: at.toISOString(), last_activity_at: at.toISOString(), completed_at: null })
    .onConflict((oc) => oc.columns(['staff_id', 'module_id']).doUpdateSet({ last_activity_at: at.toISOString() }))
    .execute();
}

/** Records that a person opened a section; the first time is the one kept. */
export async function insertSectionRead(db: HavenDb, where: Where & { sectionId: string; at: Date }): Promise<void> {
  await touchModule(db, where, where.at);
  await db
    .insertInto('training_sections_read')
    .values({ staff_id: where.staffId, module_id: where.moduleId, section_id: where.sectionId, first_read_at: where.at.toISOString() })
    .onConflict((oc) => oc.columns(['staff_id', 'module_id', 'section_id']).doNothing())
    .execute();
}

/**
 * Records an answer: the first one is kept as it was, the latest replaced, tries counted,
 * and the moment the best option was first chosen kept once set. One statement, so two
 * answers at once cannot lose a try.
 */
export async function upsertAnswer(db: HavenDb, where: Where & { questionId: string; optionId: string; correct: boolean; at: Date }): Promise<void> {
  await touchModule(db, where, where.at);
  const at = where.at.toISOString();
  const correct = where.correct ? 1 : 0;
  await db
    .insertInto('training_answers')
    .values({
      staff_id: where.staffId, module_id: where.moduleId, question_id: where.questionId,
      first_option: where.optionId, first_correct: correct, first_at: at,
      latest_option: where.optionId, latest_correct: correct, latest_at: at,
      attempts: 1, best_chosen_at: where.correct ? at : null,
    })
    .onConflict((oc) => oc.columns(['staff_id', 'module_id', 'question_id']).doUpdateSet((eb) => ({
      latest_option: eb.ref('excluded.latest_option'),
      latest_correct: eb.ref('excluded.latest_correct'),
      latest_at: eb.ref('excluded.latest_at'),
      attempts: eb('training_answers.attempts', '+', 1),
      best_chosen_at: eb.fn.coalesce('training_answers.best_chosen_at', 'excluded.best_chosen_at'),
    })))
    .execute();
}

/** Marks a module complete unless it already was; answers whether this call did it. */
export async function markModuleCompleted(db: HavenDb, where: Where & { at: Date }): Promise<boolean> {
  const result = await db
    .updateTable('training_progress')
    .set({ completed_at: where.at.toISOString() })
    .where('staff_id', '=', where.staffId)
    .where('module_id', '=', where.moduleId)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface StoredModuleProgress extends StoredProgress { staffId: string; moduleId: string; lastActivityAt: Date }

/** Everything stored for the given people (all staff when `staffId` is omitted), by person and module. */
export async function listTrainingProgress(db: HavenDb, staffId?: string): Promise<StoredModuleProgress[]> {
  let modules = db.selectFrom('training_progress').select(['staff_id', 'module_id', 'last_activity_at', 'completed_at']);
  let reads = db.selectFrom('training_sections_read').select(['staff_id', 'module_id', 'section_id']);
  let answers = db.selectFrom('training_answers').select(['staff_id', 'module_id', 'question_id', 'first_correct', 'latest_option', 'best_chosen_at']);
  if (staffId !== undefined) {
    modules = modules.where('staff_id', '=', staffId);
    reads = reads.where('staff_id', '=', staffId);
    answers = answers.where('staff_id', '=', staffId);
  }
  const [moduleRows, readRows, answerRows] = await Promise.all([modules.execute(), reads.execute(), answers.execute()]);
  const key = (row: { staff_id: string; module_id: string }): string => `${row.staff_id}\u0000${row.module_id}`;
  const byKey = new Map<string, StoredModuleProgress & { sectionsRead: string[]; answers: StoredAnswer[] }>();
  for (const row of moduleRows) {
    byKey.set(key(row), {
      staffId: row.staff_id, moduleId: row.module_id, lastActivityAt: toDate(row.last_activity_at),
      completedAt: toDateOrNull(row.completed_at), sectionsRead: [], answers: [],
    });
  }
  for (const row of readRows) byKey.get(key(row))?.sectionsRead.push(row.section_id);
  for (const row of answerRows) {
    byKey.get(key(row))?.answers.push({
      questionId: row.question_id, firstCorrect: row.first_correct === 1, latestOption: row.latest_option, bestChosenAt: toDateOrNull(row.best_chosen_at),
    });
  }
  return [...byKey.values()];
}

export interface TrainingStaffRow { id: string; username: string; roles: DeskRoleRow[] }

/**
 * Staff whose progress an admin sees: every enabled account with a role on one of `deskIds`
 * (the desks the admin administers), by name, with their roles on those desks only.
 */
export async function listActiveStaff(db: HavenDb, deskIds: readonly string[]): Promise<TrainingStaffRow[]> {
  if (deskIds.length === 0) return [];
  const rows = await db.selectFrom('staff_users')
    .innerJoin('staff_desk_roles', 'staff_desk_roles.user_id', 'staff_users.id')
    .innerJoin('desks', 'desks.id', 'staff_desk_roles.desk_id')
    .select(['staff_users.id', 'staff_users.username', 'desks.id as desk_id', 'desks.slug', 'desks.name', 'staff_desk_roles.role'])
    .where('staff_users.disabled', '=', 0)
    .where('staff_desk_roles.desk_id', 'in', deskIds)
    .orderBy('staff_users.username').orderBy('desks.is_default', 'desc').orderBy('desks.slug')
    .execute();
  const people = new Map<string, TrainingStaffRow>();
  for (const r of rows) {
    const person = people.get(r.id) ?? { id: r.id, username: r.username, roles: [] };
    person.roles.push({ deskId: r.desk_id, slug: r.slug, name: r.name, role: storedValue(r.role, isStaffRole, 'staff_desk_roles.role') });
    people.set(r.id, person);
  }
  return [...people.values()];
}
