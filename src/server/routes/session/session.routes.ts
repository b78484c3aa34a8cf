import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signInStaff, signOutStaff } from '../../../services/staff-session.js';
import type { ServiceContext } from '../../../services/context.js';
import { requireStaff, staffOf, STAFF_COOKIE } from '../../plugins/staff-auth.js';
import { errorResponses } from '../error-schema.js';
import { SessionResponse, SignInBody } from './session.schemas.js';

/** Staff sign-in, the current session, and sign-out. */
export function sessionRoutes(ctx: ServiceContext, secureCookies: boolean): FastifyPluginAsyncZod {
  // Strict: the staff cookie is never sent on a request that another site started.
  const cookie = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: secureCookies };
  return async (app) => {
    app.post('/api/v1/session', {
      schema: { tags: ['staff'], body: SignInBody, response: { 200: SessionResponse, ...errorResponses(400, 401, 429) } },
    }, async (request, reply) => {
      const session = await signInStaff(ctx, request.body.username, request.body.password);
      void reply.setCookie(STAFF_COOKIE, session.token, { ...cookie, expires: session.expiresAt });
      return { user: session.user, csrfToken: session.csrfToken };
    });

    app.get('/api/v1/session', {
      onRequest: requireStaff(ctx),
      schema: { tags: ['staff'], response: { 200: SessionResponse, ...errorResponses(401) } },
    }, async (request) => {
      const staff = staffOf(request);
      return { user: { id: staff.actor.id, username: staff.username, role: staff.actor.role }, csrfToken: staff.csrfToken };
    });

    app.delete('/api/v1/session', {
      onRequest: requireStaff(ctx),
      schema: { tags: ['staff'], response: { 204: z.null(), ...errorResponses(401, 403) } },
    }, async (request, reply) => {
      const staff = staffOf(request);
      await signOutStaff(ctx, staff.token, staff.actor.id);
      void reply.clearCookie(STAFF_COOKIE, cookie);
      return reply.status(204).send(null);
    });
  };
}
