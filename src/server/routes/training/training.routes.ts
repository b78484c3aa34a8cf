import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../../services/context.js';
import { viewTeamTraining } from '../../../services/view-team-training.js';
import { TeamTrainingResponse, type TeamTraining } from '../../../shared/api/training.js';
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
        people: team.map((person) => ({
          id: person.id, username: person.username,
          roles: person.roles.map((r) => ({ desk: { slug: r.slug, name: r.name }, role: r.role })),
          modules: person.modules.map((m) => ({ ...m, completedAt: m.completedAt?.toISOString() ?? null, lastActivityAt: m.lastActivityAt?.toISOString() ?? null })),
        })),
      };
    });
  };
}
