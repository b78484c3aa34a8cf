import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/access-policy.js';
import type { SecondFactorState } from '../../domain/second-factor.js';
import { resolveStaffSession } from '../../services/staff-session.js';
import { safeEqual } from '../../services/security/tokens.js';
import { AppError } from '../../services/errors.js';
import type { ServiceContext } from '../../services/context.js';

export const STAFF_COOKIE = 'haven_staff';

declare module 'fastify' {
  interface FastifyRequest {
    staff?: {
      actor: Actor; username: string; csrfToken: string; token: string; sessionId: string;
      secondFactor: SecondFactorState; totpEnrolled: boolean;
    };
  }
}

/**
 * A preHandler that requires a signed-in staff member, and a CSRF token on anything but reads.
 * A session still owing its second factor (a code, or enrolment) is refused with
 * `second_factor_required`, except on the routes that let it give one (`secondFactorPending`).
 */
export function requireStaff(ctx: ServiceContext, options: { secondFactorPending?: 'allowed' } = {}) {
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
    if (session.secondFactor !== 'ok' && options.secondFactorPending !== 'allowed') {
      throw new AppError('second_factor_required', session.secondFactor === 'enrol_required'
        ? 'Set up a second factor before going on.'
        : 'Enter the code from your authenticator app before going on.');
    }
    request.staff = {
      actor: { kind: 'staff', id: session.userId, roles: session.roles, groups: session.groups },
      username: session.username,
      csrfToken: session.csrfToken,
      token,
      sessionId: session.sessionId,
      secondFactor: session.secondFactor,
      totpEnrolled: session.totpEnrolled,
    };
  };
}

/** The signed-in staff member; only valid after requireStaff ran. */
export function staffOf(request: FastifyRequest): NonNullable<FastifyRequest['staff']> {
  if (request.staff === undefined) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.staff;
}
