import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { openReporterSession } from '../../../services/reporter-session.js';
import { viewReporterCase } from '../../../services/reporter-case-view.js';
import { addReporterInformation } from '../../../services/add-reporter-information.js';
import type { ServiceContext } from '../../../services/context.js';
import { ReporterUpdateSchema } from '../../../shared/reporter-update.js';
import { REPORTER_COOKIE, reporterCookieOptions } from '../../plugins/reporter-cookie.js';
import { reporterOf, requireReporter } from '../../plugins/reporter-auth.js';
import { errorResponses } from '../error-schema.js';
import { ReporterCaseResponse, ReporterSessionResponse, ReporterSignInBody } from './reporter.schemas.js';

/** The reporter's API: exchange the code for a session, read the case, add information. */
export function reporterRoutes(ctx: ServiceContext, secureCookies: boolean): FastifyPluginAsyncZod {
  const reporterOnly = requireReporter(ctx);

  return async (app) => {
    app.post('/api/v1/reporter/session', {
      schema: { tags: ['reporter'], body: ReporterSignInBody, response: { 200: ReporterSessionResponse, ...errorResponses(400, 401) } },
    }, async (request, reply) => {
      const session = await openReporterSession(ctx, request.body.accessCode);
      void reply.setCookie(REPORTER_COOKIE, session.token, { ...reporterCookieOptions(secureCookies), expires: session.expiresAt });
      return { reference: session.reference, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    });

    app.get('/api/v1/reporter/case', {
      onRequest: reporterOnly,
      schema: { tags: ['reporter'], response: { 200: ReporterCaseResponse, ...errorResponses(401) } },
    }, async (request) => {
      const view = await viewReporterCase(ctx, reporterOf(request));
      return {
        case: {
          reference: view.reference, status: view.status, receivedAt: view.receivedAt.toISOString(),
          firstResponseDueAt: view.firstResponseDueAt.toISOString(), nextUpdateDueAt: view.nextUpdateDueAt?.toISOString() ?? null,
          messages: view.messages.map((m) => ({ id: m.id, from: m.from, body: m.body, at: m.at.toISOString() })),
        },
      };
    });

    app.post('/api/v1/reporter/case/updates', {
      onRequest: reporterOnly,
      schema: { tags: ['reporter'], body: ReporterUpdateSchema, response: { 201: z.object({ ok: z.literal(true) }), ...errorResponses(400, 401, 403, 413) } },
    }, async (request, reply) => {
      await addReporterInformation(ctx, reporterOf(request), request.body);
      return reply.status(201).send({ ok: true as const });
    });
  };
}
