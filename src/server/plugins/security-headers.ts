import type { FastifyInstance } from 'fastify';
import { AppError } from '../../services/errors.js';

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
].join('; ');

/**
 * Headers on every response, and a same-origin check on every state-changing request: a
 * browser always sends Origin on a cross-site POST, so a mismatch is refused before any
 * handler runs. Cookie-authenticated routes check a CSRF token as well.
 */
export function registerSecurityHeaders(app: FastifyInstance, publicUrl: string): void {
  const ownOrigin = new URL(publicUrl).origin;
  app.addHook('onRequest', async (request, reply) => {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    // Status links may carry an access code until it is swapped for a cookie: never pass a URL
    // to another site. (Not no-referrer: that would make browsers send `Origin: null` on our own
    // forms, and the origin check below relies on seeing our origin.)
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (!request.url.startsWith('/desk/assets/') && !request.url.startsWith('/assets/')) reply.header('Cache-Control', 'no-store');
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const host = request.headers.host;
    if (origin !== ownOrigin && (host === undefined || origin !== `${request.protocol}://${host}`)) {
      throw new AppError('forbidden', 'This request came from another site and was refused.');
    }
  });
}
