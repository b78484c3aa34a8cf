import type { FastifyInstance } from 'fastify';
import { AppError } from '../../services/errors.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(body: Buffer): string {
  try {
    return strictUtf8.decode(body);
  } catch {
    throw new AppError('bad_request', 'The request body is not valid UTF-8 text.');
  }
}

/**
 * Refuses a body declared in any charset but UTF-8: the bytes are read as UTF-8 whatever the
 * header says, so a body sent as `charset=utf-16` would otherwise be read as something its
 * sender did not mean. No charset, or `utf-8` in any spelling, is accepted.
 */
function requireUtf8Charset(contentType: string | undefined): void {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '');
  if (match === null) return;
  const charset = (match[1] ?? '').toLowerCase();
  if (charset !== 'utf-8' && charset !== 'utf8') {
    throw new AppError('unsupported_media_type', 'Send the body as UTF-8 (charset=utf-8); other character sets are not accepted.');
  }
}

/** application/x-www-form-urlencoded into an object of strings (repeated keys become arrays). */
export function parseFormBody(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      // decodeURIComponent throws on percent-encoded bytes that are not UTF-8, which is what we want.
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw new AppError('bad_request', 'The form data is not valid UTF-8 text.');
    }
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

/** JSON and form bodies, both refusing bytes that are not UTF-8 instead of silently replacing them. */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      requireUtf8Charset(request.headers['content-type']);
      const text = decodeUtf8(body as Buffer);
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      // Object prototype keys are dropped by the strict schemas anyway; reviver removes them early.
      done(null, JSON.parse(text, (key, value: unknown) => (key === '__proto__' || key === 'constructor' ? undefined : value)));
    } catch (error) {
      done(error instanceof AppError ? error : new AppError('bad_request', 'The request body is not valid JSON.'), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      requireUtf8Charset(request.headers['content-type']);
      done(null, parseFormBody(decodeUtf8(body as Buffer)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
