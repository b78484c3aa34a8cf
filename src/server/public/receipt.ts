import type { SubmittedReport } from '../../services/submit-report.js';
import { html, type SafeHtml } from './html.js';
import type { PageContext } from './page-context.js';

/** The receipt: reference, the one-time access code, and plainly what happens next. */
export function receiptBody(page: PageContext, receipt: SubmittedReport, immediateDanger: boolean): SafeHtml {
  const { t, language } = page;
  const due = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(receipt.firstResponseDueAt);
  return html`<h1>${t('receipt.heading')}</h1>
${immediateDanger ? html`<p class="notice urgent">${t('receipt.danger')}</p>` : ''}
<p>${t('receipt.thanks')}</p>
<dl class="receipt">
<dt>${t('receipt.reference')}</dt><dd><strong class="reference">${receipt.reference}</strong></dd>
<dt>${t('receipt.code')}</dt><dd><code class="access-code">${receipt.accessCode}</code></dd>
</dl>
<p class="notice">${t('receipt.code.keep')}</p>
<h2>${t('receipt.next.heading')}</h2>
<ul>
<li>${t('receipt.next.reply', { due })}</li>
<li>${receipt.emailQueued ? t('receipt.next.email') : t('receipt.next.noemail')}</li>
<li>${t('receipt.next.status')}</li>
<li>${t('receipt.next.private')}</li>
</ul>
<p><a href="/status">${t('receipt.status.link')}</a></p>`;
}
