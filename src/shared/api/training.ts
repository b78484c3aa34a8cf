import { z } from 'zod';
import { STAFF_ROLES } from '../../domain/access-policy.js';

// The training API's shapes, shared by the server (validation, OpenAPI) and the console
// (types through z.infer). Browser-safe: nothing here touches Node.

const Count = z.number().int().nonnegative();
const Instant = z.string().describe('ISO 8601, UTC');

/** A module as the console lists it. */
export const TrainingModuleSummary = z.object({
  id: z.string(),
  title: z.string(),
  estimatedMinutes: Count,
  sections: Count,
  questions: Count,
});

/** One person's progress in one module, measured against the module as it is now. */
export const ModuleProgress = z.object({
  moduleId: z.string(),
  sections: Count,
  sectionsRead: Count,
  questions: Count,
  questionsAnswered: Count,
  /** Questions whose first answer was the best option. */
  questionsRightFirstTime: Count,
  /** Questions where the best option has been found, on any try. */
  questionsSettled: Count,
  completedAt: Instant.nullable(),
  lastActivityAt: Instant.nullable(),
});

/** A role a person holds, on one of the desks the viewer administers. */
export const TeamMemberRole = z.object({ desk: z.object({ slug: z.string(), name: z.string() }), role: z.enum(STAFF_ROLES) });

export const TeamMemberTraining = z.object({
  id: z.string(),
  username: z.string(),
  /** Their roles on the desks the viewer administers (one, on a Haven with one desk). */
  roles: z.array(TeamMemberRole),
  modules: z.array(ModuleProgress),
});

/** The modules one desk requires before anyone takes its cases (ids of `modules`). */
export const DeskTrainingRequirements = z.object({ desk: z.object({ slug: z.string(), name: z.string() }), moduleIds: z.array(z.string()) });
export type DeskTrainingRequirements = z.infer<typeof DeskTrainingRequirements>;

/**
 * `GET /api/v1/training/progress`: the progress in every module of every active staff member
 * of the desks the viewer administers (admins only).
 */
export const TeamTrainingResponse = z.object({
  modules: z.array(TrainingModuleSummary),
  people: z.array(TeamMemberTraining),
  /** What each desk the viewer administers requires. */
  requirements: z.array(DeskTrainingRequirements),
});

/** `PUT /api/v1/training/requirements/{desk}/{module}`: the desk's slug and the module's id. */
export const TrainingRequirementParams = z.strictObject({
  desk: z.string().min(1).max(64),
  module: z.string().min(1).max(100),
});
export type TrainingRequirementParams = z.infer<typeof TrainingRequirementParams>;

/** Whether the desk requires the module before anyone takes its cases. */
export const TrainingRequirementBody = z.strictObject({ required: z.boolean() });
export type TrainingRequirementBody = z.infer<typeof TrainingRequirementBody>;

export type TeamTraining = z.infer<typeof TeamTrainingResponse>;
export type TeamMemberTrainingBody = z.infer<typeof TeamMemberTraining>;
export type ModuleProgressBody = z.infer<typeof ModuleProgress>;
