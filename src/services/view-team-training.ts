import { adminDesksOf, type Actor } from '../domain/access-policy.js';
import { canViewTeamTraining, NO_PROGRESS, summarizeProgress, type ModuleOutline, type ProgressSummary } from '../domain/training-progress.js';
import { listActiveStaff, listTrainingProgress } from '../db/repositories/training-progress.js';
import type { DeskRoleRow } from '../db/repositories/staff-desk-roles.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

export interface TeamMemberTraining {
  id: string;
  username: string;
  /** Their roles on the desks the viewer administers. */
  roles: DeskRoleRow[];
  modules: (ProgressSummary & { moduleId: string; lastActivityAt: Date | null })[];
}

/**
 * The progress in each module of every active staff member of the desks the actor administers,
 * for an admin deciding who is ready to take cases. Measured against the modules as they are now.
 */
export async function viewTeamTraining(ctx: ServiceContext, actor: Actor, outlines: readonly ModuleOutline[]): Promise<TeamMemberTraining[]> {
  if (!canViewTeamTraining(actor)) throw new AppError('forbidden', 'Only admins can see the team\'s training.');
  const [staff, stored] = await Promise.all([listActiveStaff(ctx.db, adminDesksOf(actor)), listTrainingProgress(ctx.db)]);
  return staff.map((person) => ({
    ...person,
    modules: outlines.map((outline) => {
      const progress = stored.find((p) => p.staffId === person.id && p.moduleId === outline.moduleId);
      return { moduleId: outline.moduleId, lastActivityAt: progress?.lastActivityAt ?? null, ...summarizeProgress(outline, progress ?? NO_PROGRESS) };
    }),
  }));
}
