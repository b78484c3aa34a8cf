import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { countCasesByMonth } from '../../../services/count-cases-by-month.js';
import type { ServiceContext } from '../../../services/context.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { CaseCounts, CountsQuery, Responsiveness, ResponsivenessQuery } from '../../../shared/api/reporting.js';
import { reportResponsiveness } from '../../../services/report-responsiveness.js';
import { STAFF_ONLY } from '../../openapi.js';

/** Aggregate reporting for the desk: counts only, never cases. */
export function reportingRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));

    // Every staff role may read it: the answer is numbers, and with publication=true it is
    // already fit to publish. The domain's table is the presenter: it holds nothing else.
    app.get('/api/v1/reporting/counts', {
      schema: { tags: ['reporting'], security: STAFF_ONLY, querystring: CountsQuery, response: { 200: CaseCounts, ...errorResponses(400, 401, 403) } },
    }, async (request) => countCasesByMonth(ctx, staffOf(request).actor, request.query));

    // Promises kept and the time to a first response, per month: numbers only, like the counts.
    app.get('/api/v1/reporting/responsiveness', {
      schema: { tags: ['reporting'], security: STAFF_ONLY, querystring: ResponsivenessQuery, response: { 200: Responsiveness, ...errorResponses(400, 401) } },
    }, async (request) => reportResponsiveness(ctx, staffOf(request).actor, request.query));
  };
}
