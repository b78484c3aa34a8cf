import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { openReporterSession, resolveReporterSession } from '../../../services/reporter-session.js';
import { viewReporterCase } from '../../../services/reporter-case-view.js';
import { addReporterInformation } from '../../../services/add-reporter-information.js';
import { AppError } from '../../../services/errors.js';
import { safeEqual } from '../../../services/security/tokens.js';
import type { ServiceContext } from '../../../services/context.js';
import type { ReporterSessionRow } from '../../../db/repositories/reporter-access.js';
import { REPORTER_COOKIE, reporterCookieOptions } from '../../plugins/reporter-cookie.js';
import { CASE_STATUSES } from '../../../domain/case-lifecycle.js';
import { stored } from '../stored-value.js';
import { REPORTER_ONLY } from '../../openapi.js';
import { errorResponses } from '../../../shared/api/errors.js';
import {
  ReporterCaseResponse, ReporterSessionResponse, ReporterSignInBody, ReporterUpdateBody, ReporterUpdateCreatedResponse,
} from '../../../shared/api/reporter.js';

declare module 'fastify' {
  interface FastifyRequest { reporter?: ReporterSessionRow }
}

function reporterOf(request: FastifyRequest): ReporterSessionRow {
  if (request.reporter === undefined) throw new AppError('unauthenticated', 'Enter your access code first.');
  return request.reporter;
}

/** The reporter's API: exchange the code for a session, read the case, add information. */
export function reporterRoutes(ctx: ServiceContext, secureCookies: boolean): FastifyPluginAsyncZod {
  const requireReporter = async (request: FastifyRequest): Promise<void> => {
    const token = request.cookies[REPORTER_COOKIE];
    const session = token === undefined ? null : await resolveReporterSession(ctx, token);
    if (session === null) throw new AppError('unauthenticated', 'Enter your access code first.');
    if (request.method !== 'GET') {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) throw new AppError('forbidden', 'The security token is missing or out of date.');
    }
    request.reporter = session;
  };

  return async (app) => {
    app.post('/api/v1/reporter/session', {
      schema: { tags: ['reporter'], body: ReporterSignInBody, response: { 200: ReporterSessionResponse, ...errorResponses(400, 401, 403, 413, 415) } },
    }, async (request, reply) => {
      const session = await openReporterSession(ctx, request.body.accessCode);
      void reply.setCookie(REPORTER_COOKIE, session.token, { ...reporterCookieOptions(secureCookies), expires: session.expiresAt });
      return { reference: session.reference, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    });

    app.get('/api/v1/reporter/case', {
      onRequest: requireReporter,
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
      onRequest: requireReporter,
      schema: { tags: ['reporter'], security: REPORTER_ONLY, body: ReporterUpdateBody, response: { 201: ReporterUpdateCreatedResponse, ...errorResponses(400, 401, 403, 404, 413, 415) } },
    }, async (request, reply) => {
      await addReporterInformation(ctx, reporterOf(request), request.body);
      return reply.status(201).send({ ok: true as const });
    });
  };
}
