import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readConsent, recordConsent, type ConsentView } from '../../../services/record-consent.js';
import type { ServiceContext } from '../../../services/context.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { reporterOf, requireReporter } from '../../plugins/reporter-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { PartyParams } from '../../../shared/api/parties.js';
import { ConsentBody, ConsentResponse } from '../../../shared/api/consent.js';
import { REPORTER_ONLY, STAFF_ONLY } from '../../openapi.js';

function present(view: ConsentView): ConsentResponse {
  return { consent: { partyId: view.partyId, role: view.role, grants: view.grants.map((g) => ({ subject: g.subject, audience: g.audience })), recordedAt: view.recordedAt } };
}

/** What a reporter or target agreed may be shared: staff per party, and each party their own. */
export function consentRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  const staffOnly = requireStaff(ctx);
  const reporterOnly = requireReporter(ctx);
  return async (app) => {
    app.get('/api/v1/cases/:reference/consent/:partyId', {
      onRequest: staffOnly,
      schema: { tags: ['consent'], security: STAFF_ONLY, params: PartyParams, response: { 200: ConsentResponse, ...errorResponses(400, 401, 404) } },
    }, async (request) => present(await readConsent(ctx, { kind: 'staff', actor: staffOf(request).actor, reference: request.params.reference }, request.params.partyId)));

    app.put('/api/v1/cases/:reference/consent/:partyId', {
      onRequest: staffOnly,
      schema: { tags: ['consent'], security: STAFF_ONLY, params: PartyParams, body: ConsentBody, response: { 200: ConsentResponse, ...errorResponses(400, 401, 403, 404, 413, 415) } },
    }, async (request) => present(await recordConsent(
      ctx, { kind: 'staff', actor: staffOf(request).actor, reference: request.params.reference }, request.params.partyId, request.body.grants,
    )));

    app.get('/api/v1/reporter/consent', {
      onRequest: reporterOnly,
      schema: { tags: ['reporter'], security: REPORTER_ONLY, response: { 200: ConsentResponse, ...errorResponses(400, 401, 404) } },
    }, async (request) => {
      const session = reporterOf(request);
      return present(await readConsent(ctx, { kind: 'party', session }, session.partyId));
    });

    app.put('/api/v1/reporter/consent', {
      onRequest: reporterOnly,
      schema: { tags: ['reporter'], security: REPORTER_ONLY, body: ConsentBody, response: { 200: ConsentResponse, ...errorResponses(400, 401, 403, 404, 413, 415) } },
    }, async (request) => {
      const session = reporterOf(request);
      return present(await recordConsent(ctx, { kind: 'party', session }, session.partyId, request.body.grants));
    });
  };
}
