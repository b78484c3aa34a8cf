import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../../services/context.js';
import { resolveStaffSession } from '../../../services/staff-session.js';
import { hasCatalog, translator } from '../../../services/i18n.js';
import { preferredLanguages } from '../../../training/languages.js';
import { STAFF_COOKIE } from '../../plugins/staff-auth.js';
import { pageContext, type PageContext } from '../page-context.js';

export interface TrainingReader {
  page: PageContext;
  /** A signed-in staff member, whose progress is stored; null for anyone else. */
  staff: { id: string; username: string; csrfToken: string } | null;
  /** The language the reader picked with `?lang=`, kept on every link and form. */
  chosen: string | null;
  /** Languages for the content, best first. */
  preferred: string[];
}

function queryLanguage(request: FastifyRequest): string | null {
  const query = request.query as Record<string, unknown>;
  const body = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
  const value = query.lang ?? body.lang;
  return typeof value === 'string' && /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(value) ? value.toLowerCase() : null;
}

/**
 * Who is reading and in which language. Anyone may read; a staff cookie with a live session
 * makes the reader someone whose progress is kept. The interface follows the chosen language
 * when Haven has a catalog for it, and the browser's otherwise.
 */
export async function trainingReader(request: FastifyRequest, ctx: ServiceContext): Promise<TrainingReader> {
  const chosen = queryLanguage(request);
  const page = chosen !== null && hasCatalog(chosen) ? { language: chosen, t: translator('public', chosen) } : pageContext(request);
  const token = request.cookies[STAFF_COOKIE];
  const session = token === undefined ? null : await resolveStaffSession(ctx, token);
  return {
    page,
    // A session still owing its second factor is nobody yet: the password alone opens nothing.
    staff: session === null || session.secondFactor !== 'ok' ? null : { id: session.userId, username: session.username, csrfToken: session.csrfToken },
    chosen,
    preferred: preferredLanguages(chosen, request.headers['accept-language'] ?? ''),
  };
}

/** An address on the training pages that keeps the reader's chosen language. */
export function trainingHref(reader: Pick<TrainingReader, 'chosen'>, path: string, query: Record<string, string> = {}, fragment = ''): string {
  const params = new URLSearchParams({ ...query, ...(reader.chosen === null ? {} : { lang: reader.chosen }) });
  const search = params.toString();
  return `${path}${search === '' ? '' : `?${search}`}${fragment === '' ? '' : `#${fragment}`}`;
}
