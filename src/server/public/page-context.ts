import type { FastifyRequest } from 'fastify';
import { hasCatalog, translator, type MessageParams } from '../../services/i18n.js';

export interface PageContext {
  language: string;
  t: (key: string, params?: MessageParams) => string;
}

/** Picks the page language from Accept-Language among the catalogs Haven has, English otherwise. */
export function pageContext(request: FastifyRequest): PageContext {
  const header = request.headers['accept-language'] ?? '';
  const wanted = header
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    .filter((tag) => tag !== '');
  const language = wanted.map((tag) => tag.split('-')[0] ?? '').find((tag) => hasCatalog(tag)) ?? 'en';
  return { language, t: translator('public', language) };
}
