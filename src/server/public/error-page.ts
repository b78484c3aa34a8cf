import type { FastifyRequest } from 'fastify';
import { html } from './html.js';
import { layout } from './layout.js';
import { pageContext } from './page-context.js';

const KNOWN = new Set([400, 401, 403, 404, 413, 415, 429, 503]);

/** Whether a request expects a page rather than JSON: anything outside the API that a browser asked for. */
export function wantsPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  if (path.startsWith('/api/') || path === '/healthz' || path.startsWith('/desk/assets/') || path.startsWith('/assets/')) return false;
  return (request.headers.accept ?? '').includes('text/html') || request.method === 'POST';
}

/** A calm error page in the reporter's language; never echoes what was sent. */
export function errorPage(request: FastifyRequest, status: number, requestId: string): string {
  const page = pageContext(request);
  const { t } = page;
  const key = KNOWN.has(status) ? String(status) : '500';
  const body = html`<h1>${t(`error.${key}.heading`)}</h1>
<p>${t(`error.${key}.body`)}</p>
${key === '500' ? html`<p class="hint">${t('error.reference', { id: requestId })}</p>` : ''}
<p><a href="/">${t('error.home')}</a></p>`;
  return layout(page, { title: t(`error.${key}.heading`), body });
}
