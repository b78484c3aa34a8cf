import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveReporterSession, type ReporterSession } from '../../services/reporter-session.js';
import { safeEqual } from '../../services/security/tokens.js';
import { AppError } from '../../services/errors.js';
import type { ServiceContext } from '../../services/context.js';
import { REPORTER_COOKIE } from './reporter-cookie.js';

declare module 'fastify' {
  interface FastifyRequest { reporter?: ReporterSession }
}

/** Why a reporter request was refused: no live session behind the cookie, or a write without its current CSRF token. */
export type ReporterRefusal = 'unauthenticated' | 'stale_token';

/** Where a write carries its CSRF token: the API sends a header, the status page a hidden form field. */
export type CsrfTokenSource = (request: FastifyRequest) => unknown;

export interface ReporterAuthOptions {
  csrfToken: CsrfTokenSource;
  /** Answers a refused request; the API throws its JSON errors, the status page sends its HTML pages. */
  refuse(request: FastifyRequest, reply: FastifyReply, why: ReporterRefusal): Promise<FastifyReply> | FastifyReply;
}

/** The reporter's JSON API: the usual `{error}` answers, CSRF token in the `X-CSRF-Token` header. */
export const REPORTER_API_AUTH: ReporterAuthOptions = {
  csrfToken: (request) => request.headers['x-csrf-token'],
  refuse: (_request, _reply, why) => {
    if (why === 'unauthenticated') throw new AppError('unauthenticated', 'Enter your access code first.');
    throw new AppError('forbidden', 'The security token is missing or out of date.');
  },
};

/**
 * Resolves the session behind the reporter cookie and, on anything but a read, checks the CSRF
 * token in constant time (the cookie is SameSite=Lax, so a cross-site form post would carry it).
 * On success the session is put on the request.
 */
export async function authenticateReporter(ctx: ServiceContext, request: FastifyRequest, csrfToken: CsrfTokenSource): Promise<ReporterSession | ReporterRefusal> {
  const token = request.cookies[REPORTER_COOKIE];
  const session = token === undefined ? null : await resolveReporterSession(ctx, token);
  if (session === null) return 'unauthenticated';
  if (!['GET', 'HEAD'].includes(request.method)) {
    const sent = csrfToken(request);
    if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) return 'stale_token';
  }
  request.reporter = session;
  return session;
}

/** A hook that lets only a signed-in reporter through; the API uses it onRequest, the page (token in the body) preHandler. */
export function requireReporter(ctx: ServiceContext, options: ReporterAuthOptions = REPORTER_API_AUTH) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const result = await authenticateReporter(ctx, request, options.csrfToken);
    if (result === 'unauthenticated' || result === 'stale_token') return options.refuse(request, reply, result);
    return undefined;
  };
}

/** The signed-in reporter's session; only valid after requireReporter ran. */
export function reporterOf(request: FastifyRequest): ReporterSession {
  if (request.reporter === undefined) throw new AppError('unauthenticated', 'Enter your access code first.');
  return request.reporter;
}
