import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorResponse } from '../../shared/api/errors.js';

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
].join('; ');

/** HSTS for a year once Haven is served over https; not for subdomains, which may be other services. */
const HSTS = 'max-age=31536000';

/**
 * The headers every response carries, the answers the framework gives by itself included.
 * Strict-Transport-Security only when the public URL is https: over plain http it is ignored
 * by browsers, and on localhost it would pin a developer's other local services to https.
 */
export function securityHeaders(publicUrl: string): Record<string, string> {
  return {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    // Status links may carry an access code until it is swapped for a cookie: never pass a URL
    // to another site. (Not no-referrer: that would make browsers send `Origin: null` on our own
    // forms, and the origin check relies on seeing our origin.)
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    ...(publicUrl.startsWith('https://') ? { 'strict-transport-security': HSTS } : {}),
  };
}

function errorBody(message: string, code: ErrorResponse['error']['code'] = 'bad_request'): string {
  const body: ErrorResponse = { error: { code, message } };
  return JSON.stringify(body);
}

/**
 * Fastify's `frameworkErrors`: a URL that cannot be decoded, or a path parameter longer than the
 * router takes. These are answered before any hook runs, so the headers are set here; the
 * default answer would also echo the path (which may hold an access code) into the body.
 */
export function frameworkErrorHandler(publicUrl: string) {
  const headers = { ...securityHeaders(publicUrl), 'cache-control': 'no-store' };
  return (error: { code?: string }, _request: FastifyRequest, reply: FastifyReply): void => {
    const [status, body] = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [414, errorBody('The address is longer than Haven accepts.')]
      : error.code === 'FST_ERR_BAD_URL'
        ? [400, errorBody('The address is not valid: it holds an escape (%) that is not UTF-8.')]
        : [500, errorBody('Something went wrong on our side. Nothing was saved. Please try again.', 'internal')];
    void reply.status(status).headers(headers).type('application/json; charset=utf-8').send(body);
  };
}

/**
 * Node's `clientError`: a request so malformed the framework never sees it (headers or URL
 * past the size limit, a broken request line, a timeout). Written straight to the socket in
 * Haven's shape with the security headers; the connection is then closed.
 */
export function clientErrorHandler(publicUrl: string) {
  const headers = { ...securityHeaders(publicUrl), 'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8', connection: 'close' };
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, body] = error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, errorBody('The request\'s address or headers are longer than Haven accepts.')]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, errorBody('The request took too long to arrive.')]
        : [400, errorBody('The request could not be read.')];
    if (socket.writable) {
      const lines = Object.entries({ ...headers, 'content-length': String(Buffer.byteLength(body)) }).map(([name, value]) => `${name}: ${value}`);
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${body}`);
    }
    socket.destroy();
  };
}
