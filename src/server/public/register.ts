import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { pageContext } from './page-context.js';
import { registerReportPage } from './report-page.js';
import { registerStatusPage } from './status-page.js';
import { registerEmergencyConfirmPage } from './emergency-confirm-page.js';

/** The reporter-facing pages, rendered on the server and complete without JavaScript. */
export function registerPublicPages(app: FastifyInstance, ctx: ServiceContext, secureCookies: boolean): void {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const page = pageContext(request);
    const { t } = page;
    const body = html`<h1>${t('home.heading')}</h1>
<p>${t('home.intro')}</p>
<p class="notice urgent">${t('report.emergency')}</p>
<ul class="actions">
<li><a class="button" href="/report">${t('home.report')}</a></li>
<li><a class="button secondary" href="/status">${t('home.status')}</a></li>
</ul>
<p>${t('home.privacy')}</p>
<p class="staff-link"><a href="/desk/">${t('home.staff')}</a> · <a href="/training">${t('home.training')}</a></p>`;
    return reply.type('text/html; charset=utf-8').send(layout(page, { title: t('home.title'), body }));
  });
  registerReportPage(app, ctx, secureCookies);
  registerStatusPage(app, ctx, secureCookies);
  registerEmergencyConfirmPage(app, ctx);
}
