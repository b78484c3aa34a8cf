import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signInStaff, signOutEverywhere, signOutStaff, staffDesks } from '../../../services/staff-session.js';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../../../services/enrol-totp.js';
import { verifySecondFactor } from '../../../services/verify-second-factor.js';
import { acceptStaffInvitation } from '../../../services/accept-staff-invitation.js';
import { AcceptInvitationBody } from '../../../shared/api/staff.js';
import type { StaffRole } from '../../../domain/access-policy.js';
import type { SecondFactorState } from '../../../domain/second-factor.js';
import type { ServiceContext } from '../../../services/context.js';
import { requireStaff, staffOf, STAFF_COOKIE } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import {
  SecondFactorBody, SignedOutResponse, SignInBody, SignOutQuery, StaffSession, TotpConfirmBody, TotpEnrolled, TotpEnrolment,
} from '../../../shared/api/session.js';
import { STAFF_ONLY } from '../../openapi.js';

/** Staff sign-in (password, then second factor), the current session, enrolment, and sign-out. */
export function sessionRoutes(ctx: ServiceContext, secureCookies: boolean): FastifyPluginAsyncZod {
  // Strict: the staff cookie is never sent on a request that another site started.
  const cookie = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: secureCookies };
  // The routes a session may use before its second factor is given.
  const pending = requireStaff(ctx, { secondFactorPending: 'allowed' });
  return async (app) => {
    app.post('/api/v1/session', {
      schema: { tags: ['staff'], body: SignInBody, response: { 200: StaffSession, ...errorResponses(400, 401, 403, 413, 415, 429) } },
    }, async (request, reply) => {
      const session = await signInStaff(ctx, { username: request.body.username, password: request.body.password, sourceAddress: request.ip });
      void reply.setCookie(STAFF_COOKIE, session.token, { ...cookie, expires: session.expiresAt });
      const { user } = session;
      return present(user.id, user.username, user.desks, session.csrfToken, session.secondFactor, session.secondFactor === 'code_required');
    });

    // An invitation's token is the credential here: the invitee sets their first password and
    // is signed in with it (then asked for a second factor where one is required).
    app.post('/api/v1/session/invitation', {
      schema: { tags: ['staff'], body: AcceptInvitationBody, response: { 200: StaffSession, ...errorResponses(400, 404, 409, 413, 415, 429) } },
    }, async (request, reply) => {
      const user = await acceptStaffInvitation(ctx, request.body);
      const session = await signInStaff(ctx, { username: user.username, password: request.body.password, sourceAddress: request.ip });
      void reply.setCookie(STAFF_COOKIE, session.token, { ...cookie, expires: session.expiresAt });
      return present(session.user.id, session.user.username, session.user.desks, session.csrfToken, session.secondFactor, false);
    });

    app.get('/api/v1/session', {
      onRequest: pending,
      schema: { tags: ['staff'], security: STAFF_ONLY, response: { 200: StaffSession, ...errorResponses(401) } },
    }, async (request) => {
      const staff = staffOf(request);
      return present(staff.actor.id, staff.username, await staffDesks(ctx, staff.actor.id), staff.csrfToken, staff.secondFactor, staff.totpEnrolled);
    });

    app.delete('/api/v1/session', {
      onRequest: pending,
      schema: { tags: ['staff'], security: STAFF_ONLY, querystring: SignOutQuery, response: { 204: SignedOutResponse, ...errorResponses(400, 401, 403) } },
    }, async (request, reply) => {
      const staff = staffOf(request);
      if (request.query.everywhere === 'true') await signOutEverywhere(ctx, staff.actor.id);
      else await signOutStaff(ctx, staff.token, staff.actor.id);
      void reply.clearCookie(STAFF_COOKIE, cookie);
      return reply.status(204).send(null);
    });

    app.post('/api/v1/session/second-factor', {
      onRequest: pending,
      schema: { tags: ['staff'], security: STAFF_ONLY, body: SecondFactorBody, response: { 200: StaffSession, ...errorResponses(400, 401, 403, 409, 429) } },
    }, async (request) => {
      const staff = staffOf(request);
      await verifySecondFactor(ctx, { userId: staff.actor.id, username: staff.username, sessionId: staff.sessionId, sourceAddress: request.ip }, request.body);
      return present(staff.actor.id, staff.username, await staffDesks(ctx, staff.actor.id), staff.csrfToken, 'ok', true);
    });

    app.post('/api/v1/session/totp', {
      onRequest: pending,
      schema: { tags: ['staff'], security: STAFF_ONLY, response: { 200: TotpEnrolment, ...errorResponses(401, 403, 409) } },
    }, async (request) => {
      const staff = staffOf(request);
      return beginTotpEnrolment(ctx, { userId: staff.actor.id, username: staff.username, sessionId: staff.sessionId });
    });

    app.post('/api/v1/session/totp/confirm', {
      onRequest: pending,
      schema: { tags: ['staff'], security: STAFF_ONLY, body: TotpConfirmBody, response: { 200: TotpEnrolled, ...errorResponses(400, 401, 403, 409) } },
    }, async (request) => {
      const staff = staffOf(request);
      return confirmTotpEnrolment(ctx, { userId: staff.actor.id, username: staff.username, sessionId: staff.sessionId }, request.body.code);
    });
  };
}

/** The session as the console learns it; desks by slug, never by id. */
function present(
  id: string, username: string, desks: readonly { slug: string; name: string; role: StaffRole }[], csrfToken: string,
  secondFactor: SecondFactorState, totpEnrolled: boolean,
) {
  return { user: { id, username, desks: desks.map((d) => ({ slug: d.slug, name: d.name, role: d.role })) }, csrfToken, secondFactor, totpEnrolled };
}
