import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signInStaff, signOutStaff, staffDesks } from '../../../services/staff-session.js';
import type { StaffRole } from '../../../domain/access-policy.js';
import type { ServiceContext } from '../../../services/context.js';
import { requireStaff, staffOf, STAFF_COOKIE } from '../../plugins/staff-auth.js';
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
      return { user: { id: user.id, username: user.username, desks: presentDesks(user.desks) }, csrfToken: session.csrfToken };
    });

    app.get('/api/v1/session', {
      onRequest: requireStaff(ctx),
      schema: { tags: ['staff'], security: STAFF_ONLY, response: { 200: StaffSession, ...errorResponses(401) } },
    }, async (request) => {
      const staff = staffOf(request);
      const desks = presentDesks(await staffDesks(ctx, staff.actor.id));
      return { user: { id: staff.actor.id, username: staff.username, desks }, csrfToken: staff.csrfToken };
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

/** The desks a staff member works on, as the console learns them: by slug, never by id. */
function presentDesks(desks: readonly { slug: string; name: string; role: StaffRole }[]) {
  return desks.map((d) => ({ slug: d.slug, name: d.name, role: d.role }));
}
