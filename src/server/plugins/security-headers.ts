import type { FastifyInstance } from 'fastify';
import { AppError } from '../../services/errors.js';
import { securityHeaders } from './framework-errors.js';

/**
 * Headers on every response, and a same-origin check on every state-changing request: a
 * browser always sends Origin on a cross-site POST, so a mismatch is refused before any
 * handler runs. Cookie-authenticated routes check a CSRF token as well.
 */
export function registerSecurityHeaders(app: FastifyInstance, publicUrl: string): void {
  const ownOrigin = new URL(publicUrl).origin;
  const headers = securityHeaders(publicUrl);
  app.addHook('onRequest', async (request, reply) => {
    void reply.headers(headers);
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
