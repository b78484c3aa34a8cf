import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { confirmEmergencyReceipt } from '../../services/confirm-emergency-receipt.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';
import { pageContext, type PageContext } from './page-context.js';

function send(reply: FastifyReply, page: PageContext, body: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(layout(page, { title: page.t('emergency.confirm.title'), body }));
}

function invalid(page: PageContext): SafeHtml {
  return html`<h1>${page.t('emergency.confirm.heading')}</h1>
<p class="notice">${page.t('emergency.confirm.invalid')}</p>`;
}

/**
 * The link in an emergency packet by which its contact confirms receipt. Opening the link
 * shows a button; only pressing it (a POST) confirms, so a mail scanner that follows links
 * confirms nothing. Works without JavaScript.
 */
export function registerEmergencyConfirmPage(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/emergency/confirm', { schema: { hide: true } }, async (request, reply) => {
    const page = pageContext(request);
    const token = (request.query as Record<string, unknown>).token;
    if (typeof token !== 'string' || token === '' || token.length > 200) return send(reply, page, invalid(page), 404);
    return send(reply, page, html`<h1>${page.t('emergency.confirm.heading')}</h1>
<p>${page.t('emergency.confirm.intro')}</p>
<form method="post" action="/emergency/confirm">
<input type="hidden" name="token" value="${token}">
<button type="submit">${page.t('emergency.confirm.submit')}</button>
</form>`);
  });

  app.post('/emergency/confirm', { schema: { hide: true } }, async (request, reply) => {
    const page = pageContext(request);
    const body = request.body as Record<string, unknown> | null;
    const token = typeof body?.token === 'string' ? body.token : '';
    const confirmed = token === '' || token.length > 200 ? null : await confirmEmergencyReceipt(ctx, token);
    if (confirmed === null) return send(reply, page, invalid(page), 404);
    return send(reply, page, html`<h1>${page.t('emergency.confirm.done.heading')}</h1>
<p>${confirmed.first ? page.t('emergency.confirm.done.body', { reference: confirmed.reference }) : page.t('emergency.confirm.again', { reference: confirmed.reference })}</p>`);
  });
}
