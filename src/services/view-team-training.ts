import { adminDesksOf, type Actor } from '../domain/access-policy.js';
import { canViewTeamTraining, NO_PROGRESS, summarizeProgress, type ModuleOutline, type ProgressSummary } from '../domain/training-progress.js';
import { listActiveStaff, listTrainingProgress } from '../db/repositories/training-progress.js';
import { listTrainingRequirements } from '../db/repositories/training-requirements.js';
import { listDesks } from '../db/repositories/desks.js';
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

/** The modules one desk the viewer administers requires before anyone takes its cases. */
export interface DeskRequirements { desk: { slug: string; name: string }; moduleIds: string[] }

export interface TeamTraining { people: TeamMemberTraining[]; requirements: DeskRequirements[] }

/**
 * The progress in each module of every active staff member of the desks the actor administers,
 * for an admin deciding who is ready to take cases. Measured against the modules as they are now.
 */
export async function viewTeamTraining(ctx: ServiceContext, actor: Actor, outlines: readonly ModuleOutline[]): Promise<TeamTraining> {
  if (!canViewTeamTraining(actor)) throw new AppError('forbidden', 'Only admins can see the team\'s training.');
  const deskIds = adminDesksOf(actor);
  const [staff, stored, required, desks] = await Promise.all([
    listActiveStaff(ctx.db, deskIds), listTrainingProgress(ctx.db), listTrainingRequirements(ctx.db, deskIds), listDesks(ctx.db),
  ]);
  const people = staff.map((person) => ({
    ...person,
    modules: outlines.map((outline) => {
      const progress = stored.find((p) => p.staffId === person.id && p.moduleId === outline.moduleId);
      return { moduleId: outline.moduleId, lastActivityAt: progress?.lastActivityAt ?? null, ...summarizeProgress(outline, progress ?? NO_PROGRESS) };
    }),
  }));
  const requirements = desks.filter((d) => deskIds.includes(d.id)).map((d) => ({
    desk: { slug: d.slug, name: d.name },
    moduleIds: required.filter((r) => r.deskId === d.id).map((r) => r.moduleId),
  }));
  return { people, requirements };
}
