import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signInStaff, signOutStaff } from '../../../services/staff-session.js';
import type { ServiceContext } from '../../../services/context.js';
import { requireStaff, staffOf, STAFF_COOKIE } from '../../plugins/staff-auth.js';
import { STAFF_ROLES } from '../../../domain/access-policy.js';
import { stored } from '../stored-value.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { SignedOutResponse, SignInBody, StaffSession } from '../../../shared/api/session.js';
import { STAFF_ONLY } from '../../openapi.js';

/** Staff sign-in, the current session, and sign-out. */
export function sessionRoutes(ctx: ServiceContext, secureCookies: boolean): FastifyPluginAsyncZod {
  // Strict: the staff cookie is never sent on a request that another site started.
  const cookie = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: secureCookies };
  return async (app) => {
    app.post('/api/v1/session', {
      schema: { tags: ['staff'], body: SignInBody, response: { 200: StaffSession, ...errorResponses(400, 401, 403, 413, 415, 429) } },
    }, async (request, reply) => {
      const session = await signInStaff(ctx, request.body.username, request.body.password);
      void reply.setCookie(STAFF_COOKIE, session.token, { ...cookie, expires: session.expiresAt });
      const { user } = session;
      return { user: { id: user.id, username: user.username, role: stored(STAFF_ROLES, user.role, 'staff role') }, csrfToken: session.csrfToken };
    });

    app.get('/api/v1/session', {
      onRequest: requireStaff(ctx),
      schema: { tags: ['staff'], security: STAFF_ONLY, response: { 200: StaffSession, ...errorResponses(401) } },
    }, async (request) => {
      const staff = staffOf(request);
      return { user: { id: staff.actor.id, username: staff.username, role: staff.actor.role }, csrfToken: staff.csrfToken };
    });

    app.delete('/api/v1/session', {
      onRequest: requireStaff(ctx),
      schema: { tags: ['staff'], security: STAFF_ONLY, response: { 204: SignedOutResponse, ...errorResponses(401, 403) } },
    }, async (request, reply) => {
      const staff = staffOf(request);
      await signOutStaff(ctx, staff.token, staff.actor.id);
      void reply.clearCookie(STAFF_COOKIE, cookie);
      return reply.status(204).send(null);
    });
  };
}
