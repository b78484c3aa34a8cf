import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/access-policy.js';
import { resolveStaffSession } from '../../services/staff-session.js';
import { safeEqual } from '../../services/security/tokens.js';
import { AppError } from '../../services/errors.js';
import type { ServiceContext } from '../../services/context.js';

export const STAFF_COOKIE = 'haven_staff';

declare module 'fastify' {
  interface FastifyRequest {
    staff?: { actor: Actor; username: string; csrfToken: string; token: string };
  }
}

/** A preHandler that requires a signed-in staff member, and a CSRF token on anything but reads. */
export function requireStaff(ctx: ServiceContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = request.cookies[STAFF_COOKIE];
    const session = token === undefined ? null : await resolveStaffSession(ctx, token);
    if (token === undefined || session === null) throw new AppError('unauthenticated', 'Sign in to continue.');
    if (!['GET', 'HEAD'].includes(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
        throw new AppError('forbidden', 'The security token is missing or out of date. Reload the page and try again.');
      }
    }
    request.staff = {
      actor: { kind: 'staff', id: session.userId, roles: session.roles, groups: session.groups },
      username: session.username,
      csrfToken: session.csrfToken,
      token,
    };
  };
}

/** The signed-in staff member; only valid after requireStaff ran. */
export function staffOf(request: FastifyRequest): NonNullable<FastifyRequest['staff']> {
  if (request.staff === undefined) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.staff;
}
