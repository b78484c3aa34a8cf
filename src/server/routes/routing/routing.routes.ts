import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../../services/context.js';
import { viewRouting } from '../../../services/view-routing.js';
import { recordRoutingFacts } from '../../../services/record-routing-facts.js';
import { chooseVenue } from '../../../services/choose-venue.js';
import { triageCase } from '../../../services/triage-case.js';
import { viewCase } from '../../../services/view-case.js';
import { routingRulesOfDesk } from '../../../services/save-routing-rules.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { CaseResponse, ReferenceParams } from '../../../shared/api/cases.js';
import {
  DeskParams, RoutingFactsBody, RoutingResponse, RoutingRulesResponse, SaveRulesBody, TriageBody, VenueChoiceBody,
} from '../../../shared/api/routing.js';
import { presentCase } from '../cases/cases.presenters.js';
import { presentRouting } from './routing.presenters.js';
import { STAFF_ONLY } from '../../openapi.js';

const WRITE_ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 415);

/** Triage, the router's plan for a case, the handler's choice of venue, and a desk's routing rules. */
export function routingRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));

    app.get('/api/v1/cases/:reference/routing', {
      schema: { tags: ['routing'], security: STAFF_ONLY, params: ReferenceParams, response: { 200: RoutingResponse, ...errorResponses(400, 401, 404) } },
    }, async (request) => presentRouting(await viewRouting(ctx, staffOf(request).actor, request.params.reference)));

    app.put('/api/v1/cases/:reference/routing/facts', {
      schema: { tags: ['routing'], security: STAFF_ONLY, params: ReferenceParams, body: RoutingFactsBody, response: { 200: RoutingResponse, ...WRITE_ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      await recordRoutingFacts(ctx, actor, request.params.reference, request.body);
      return presentRouting(await viewRouting(ctx, actor, request.params.reference));
    });

    app.post('/api/v1/cases/:reference/routing/choice', {
      schema: { tags: ['routing'], security: STAFF_ONLY, params: ReferenceParams, body: VenueChoiceBody, response: { 200: RoutingResponse, ...WRITE_ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      const { venue, reason, exposureAcknowledged } = request.body;
      await chooseVenue(ctx, actor, request.params.reference, { venue, reason: reason ?? null, exposureAcknowledged: exposureAcknowledged === true });
      return presentRouting(await viewRouting(ctx, actor, request.params.reference));
    });

    app.post('/api/v1/cases/:reference/triage', {
      schema: { tags: ['routing'], security: STAFF_ONLY, params: ReferenceParams, body: TriageBody, response: { 200: CaseResponse, ...WRITE_ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      const { category, severity, reason } = request.body;
      await triageCase(ctx, actor, request.params.reference, { ...(category === undefined ? {} : { category }), ...(severity === undefined ? {} : { severity }), reason });
      return presentCase(await viewCase(ctx, actor, request.params.reference), ctx.now());
    });

    app.get('/api/v1/desks/:slug/routing-rules', {
      schema: { tags: ['routing'], security: STAFF_ONLY, params: DeskParams, response: { 200: RoutingRulesResponse, ...errorResponses(400, 401, 404) } },
    }, async (request) => routingRulesOfDesk(ctx, staffOf(request).actor, request.params.slug));

    app.put('/api/v1/desks/:slug/routing-rules', {
      schema: { tags: ['routing'], security: STAFF_ONLY, params: DeskParams, body: SaveRulesBody, response: { 200: RoutingRulesResponse, ...WRITE_ERRORS } },
    }, async (request) => routingRulesOfDesk(ctx, staffOf(request).actor, request.params.slug, request.body));
  };
}
