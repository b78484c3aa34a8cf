import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkDatabase } from '../../../services/check-database.js';
import type { ServiceContext } from '../../../services/context.js';
import { HealthResponse, HealthUnavailableResponse } from '../../../shared/api/health.js';
import { errorResponses } from '../../../shared/api/errors.js';

/** GET /healthz: ready when the database answers. */
export function healthRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/healthz', {
      schema: {
        tags: ['health'],
        response: { 200: HealthResponse, 503: HealthUnavailableResponse, ...errorResponses() },
      },
    }, async (_request, reply) => {
      try {
        await checkDatabase(ctx);
        return { status: 'ok' as const, database: ctx.dialect };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    });
  };
}
