import type { ReporterCaseView } from '../../services/reporter-case-view.js';
import { html, type SafeHtml } from './html.js';
import type { PageContext } from './page-context.js';

/** The end of the status page: how to withdraw, or, once asked, how to be written to again. */
export function withdrawalSection(page: PageContext, view: ReporterCaseView, csrf: string): SafeHtml {
  const { t } = page;
  if (view.messagesStopped) {
    return html`<h2 id="withdraw-heading">${t('status.withdraw.heading')}</h2>
<p>${t('status.withdraw.requested')}</p>
<form method="post" action="/status/messages/resume" aria-labelledby="withdraw-heading">
<input type="hidden" name="csrf" value="${csrf}">
<button type="submit" class="secondary">${t('status.withdraw.resume')}</button>
</form>`;
  }
  if (view.status === 'closed') return html``;
  return html`<h2>${t('status.withdraw.heading')}</h2>
<p>${t('status.withdraw.intro')} <a href="/status/withdraw">${t('status.withdraw.link')}</a></p>`;
}

/** The confirm step: what withdrawing means, said plainly, before anything is recorded. */
export function withdrawConfirmBody(page: PageContext, view: ReporterCaseView, csrf: string): SafeHtml {
  const { t } = page;
  return html`<h1>${t('status.withdraw.confirm.heading')}</h1>
<p>${t('status.withdraw.confirm.body')}</p>
<p>${t('status.withdraw.confirm.back')}</p>
<form method="post" action="/status/withdraw" aria-label="${t('status.withdraw.title', { reference: view.reference })}">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="confirm" value="yes">
<button type="submit">${t('status.withdraw.confirm.submit')}</button>
</form>
<p><a href="/status">${t('status.withdraw.confirm.cancel')}</a></p>`;
}
