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

export const TeamMemberTraining = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(STAFF_ROLES),
  modules: z.array(ModuleProgress),
});

/** `GET /api/v1/training/progress`: every active staff member's progress in every module (admins only). */
export const TeamTrainingResponse = z.object({
  modules: z.array(TrainingModuleSummary),
  people: z.array(TeamMemberTraining),
});

export type TeamTraining = z.infer<typeof TeamTrainingResponse>;
export type TeamMemberTrainingBody = z.infer<typeof TeamMemberTraining>;
export type ModuleProgressBody = z.infer<typeof ModuleProgress>;
