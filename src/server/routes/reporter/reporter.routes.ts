import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { openReporterSession } from '../../../services/reporter-session.js';
import { viewReporterCase } from '../../../services/reporter-case-view.js';
import { addReporterInformation } from '../../../services/add-reporter-information.js';
import type { ServiceContext } from '../../../services/context.js';
import { REPORTER_COOKIE, reporterCookieOptions } from '../../plugins/reporter-cookie.js';
import { reporterOf, requireReporter } from '../../plugins/reporter-auth.js';
import { CASE_STATUSES } from '../../../domain/case-lifecycle.js';
import { stored } from '../stored-value.js';
import { REPORTER_ONLY } from '../../openapi.js';
import { errorResponses } from '../../../shared/api/errors.js';
import {
  ReporterCaseResponse, ReporterSessionResponse, ReporterSignInBody, ReporterUpdateBody, ReporterUpdateCreatedResponse,
} from '../../../shared/api/reporter.js';

/** The reporter's API: exchange the code for a session, read the case, add information. */
export function reporterRoutes(ctx: ServiceContext, secureCookies: boolean): FastifyPluginAsyncZod {
  const reporterOnly = requireReporter(ctx);

  return async (app) => {
    app.post('/api/v1/reporter/session', {
      schema: { tags: ['reporter'], body: ReporterSignInBody, response: { 200: ReporterSessionResponse, ...errorResponses(400, 401, 403, 413, 415, 429) } },
    }, async (request, reply) => {
      const session = await openReporterSession(ctx, request.body.accessCode, request.ip);
      void reply.setCookie(REPORTER_COOKIE, session.token, { ...reporterCookieOptions(secureCookies), expires: session.expiresAt });
      return { reference: session.reference, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    });

    app.get('/api/v1/reporter/case', {
      onRequest: reporterOnly,
      schema: { tags: ['reporter'], security: REPORTER_ONLY, response: { 200: ReporterCaseResponse, ...errorResponses(401, 404) } },
    }, async (request) => {
      const view = await viewReporterCase(ctx, reporterOf(request));
      return {
        case: {
          reference: view.reference, status: stored(CASE_STATUSES, view.status, 'status'), receivedAt: view.receivedAt.toISOString(),
          firstResponseDueAt: view.firstResponseDueAt.toISOString(), nextUpdateDueAt: view.nextUpdateDueAt?.toISOString() ?? null,
          messages: view.messages.map((m) => ({ id: m.id, from: m.from, body: m.body, at: m.at.toISOString() })),
        },
      };
    });

    app.post('/api/v1/reporter/case/updates', {
      onRequest: reporterOnly,
      schema: { tags: ['reporter'], security: REPORTER_ONLY, body: ReporterUpdateBody, response: { 201: ReporterUpdateCreatedResponse, ...errorResponses(400, 401, 403, 404, 413, 415) } },
    }, async (request, reply) => {
      await addReporterInformation(ctx, reporterOf(request), request.body);
      return reply.status(201).send({ ok: true as const });
    });
  };
}
