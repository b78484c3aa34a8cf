import type { CookieSerializeOptions } from '@fastify/cookie';

export const REPORTER_COOKIE = 'haven_reporter';

/**
 * Lax, not Strict: a reporter following the status link in their email arrives from another
 * site, and must still be recognised after the redirect. Writes are guarded by a CSRF token.
 */
export function reporterCookieOptions(secure: boolean): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure };
}
