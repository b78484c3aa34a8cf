import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../../services/context.js';
import { listStaff } from '../../../services/list-staff.js';
import { inviteStaff } from '../../../services/invite-staff.js';
import { setStaffDeskRole } from '../../../services/set-staff-desk-role.js';
import { resetSecondFactor } from '../../../services/reset-second-factor.js';
import { setStaffActive } from '../../../services/set-staff-active.js';
import { requireDeskSecondFactor } from '../../../services/require-desk-second-factor.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import {
  DeskParams, DeskSecondFactorBody, InvitationBody, InvitationSent, StaffActiveBody, StaffChanged, StaffDeskParams,
  StaffListResponse, StaffParams, StaffRoleBody,
} from '../../../shared/api/staff.js';
import { STAFF_ONLY } from '../../openapi.js';
import { presentStaffList } from './staff.presenters.js';

/**
 * Staff administration for desk admins: the people of their desks, invitations, roles, the
 * second factor, deactivation, and the desk's second-factor setting. (Accepting an invitation
 * opens a session, so it lives with the session routes.)
 */
export function staffRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  const staff = requireStaff(ctx);
  return async (app) => {
    app.get('/api/v1/staff', {
      onRequest: staff,
      schema: { tags: ['staff'], security: STAFF_ONLY, response: { 200: StaffListResponse, ...errorResponses(401, 403) } },
    }, async (request) => presentStaffList(await listStaff(ctx, staffOf(request).actor)));

    app.post('/api/v1/staff/invitations', {
      onRequest: staff,
      schema: { tags: ['staff'], security: STAFF_ONLY, body: InvitationBody, response: { 201: InvitationSent, ...errorResponses(400, 401, 403, 404, 409) } },
    }, async (request, reply) => {
      const sent = await inviteStaff(ctx, staffOf(request).actor, request.body);
      return reply.status(201).send({ expiresAt: sent.expiresAt.toISOString() });
    });

    app.put('/api/v1/staff/:id/desks/:slug', {
      onRequest: staff,
      schema: { tags: ['staff'], security: STAFF_ONLY, params: StaffDeskParams, body: StaffRoleBody, response: { 204: StaffChanged, ...errorResponses(400, 401, 403, 404, 409) } },
    }, async (request, reply) => {
      await setStaffDeskRole(ctx, staffOf(request).actor, { staffId: request.params.id, desk: request.params.slug, role: request.body.role });
      return reply.status(204).send(null);
    });

    app.delete('/api/v1/staff/:id/second-factor', {
      onRequest: staff,
      schema: { tags: ['staff'], security: STAFF_ONLY, params: StaffParams, response: { 204: StaffChanged, ...errorResponses(400, 401, 403, 404, 409) } },
    }, async (request, reply) => {
      await resetSecondFactor(ctx, staffOf(request).actor, request.params.id);
      return reply.status(204).send(null);
    });

    app.put('/api/v1/staff/:id/active', {
      onRequest: staff,
      schema: { tags: ['staff'], security: STAFF_ONLY, params: StaffParams, body: StaffActiveBody, response: { 204: StaffChanged, ...errorResponses(400, 401, 403, 404, 409) } },
    }, async (request, reply) => {
      await setStaffActive(ctx, staffOf(request).actor, { staffId: request.params.id, active: request.body.active });
      return reply.status(204).send(null);
    });

    app.put('/api/v1/desks/:slug/second-factor', {
      onRequest: staff,
      schema: { tags: ['staff'], security: STAFF_ONLY, params: DeskParams, body: DeskSecondFactorBody, response: { 204: StaffChanged, ...errorResponses(400, 401, 403, 404) } },
    }, async (request, reply) => {
      await requireDeskSecondFactor(ctx, staffOf(request).actor, { desk: request.params.slug, required: request.body.required });
      return reply.status(204).send(null);
    });
  };
}
