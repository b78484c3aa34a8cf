import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../../services/context.js';
import { viewTeamTraining } from '../../../services/view-team-training.js';
import { setTrainingRequirement } from '../../../services/set-training-requirement.js';
import { AppError } from '../../../services/errors.js';
import {
  DeskTrainingRequirements, TeamTrainingResponse, TrainingRequirementBody, TrainingRequirementParams, type TeamTraining,
} from '../../../shared/api/training.js';
import type { TrainingCatalog } from '../../../training/load-catalog.js';
import { pickLanguage } from '../../../training/languages.js';
import { moduleOutline } from '../../../training/outline.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { STAFF_ONLY } from '../../openapi.js';

/** The team's training progress, for the console's admins. */
export function trainingRoutes(ctx: ServiceContext, catalog: TrainingCatalog): FastifyPluginAsyncZod {
  const outlines = catalog.modules.map(moduleOutline);
  // The console speaks English for now, so it gets each module's English title when there is one.
  const modules = catalog.modules.map((m, i) => ({
    id: m.id,
    title: m.titles.get(pickLanguage(m.titles, ['en'], m.language)) ?? m.id,
    estimatedMinutes: m.estimatedMinutes,
    sections: outlines[i]?.sectionIds.length ?? 0,
    questions: outlines[i]?.questions.length ?? 0,
  }));
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));

    app.get('/api/v1/training/progress', {
      schema: { tags: ['training'], security: STAFF_ONLY, response: { 200: TeamTrainingResponse, ...errorResponses(401, 403) } },
    }, async (request): Promise<TeamTraining> => {
      const team = await viewTeamTraining(ctx, staffOf(request).actor, outlines);
      return {
        modules,
        requirements: team.requirements,
        people: team.people.map((person) => ({
          id: person.id, username: person.username,
          roles: person.roles.map((r) => ({ desk: { slug: r.slug, name: r.name }, role: r.role })),
          modules: person.modules.map((m) => ({ ...m, completedAt: m.completedAt?.toISOString() ?? null, lastActivityAt: m.lastActivityAt?.toISOString() ?? null })),
        })),
      };
    });

    app.put('/api/v1/training/requirements/:desk/:module', {
      schema: {
        tags: ['training'], security: STAFF_ONLY, params: TrainingRequirementParams, body: TrainingRequirementBody,
        response: { 200: DeskTrainingRequirements, ...errorResponses(400, 401, 403, 404) },
      },
    }, async (request) => {
      const actor = staffOf(request).actor;
      const module = modules.find((m) => m.id === request.params.module);
      if (module === undefined) throw new AppError('not_found', 'There is no training module by that id.');
      return setTrainingRequirement(ctx, actor, { deskSlug: request.params.desk, module, required: request.body.required });
    });
  };
}
