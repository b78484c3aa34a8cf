import type { ShownReceipt } from '../../services/show-receipt.js';
import { groupAccessCode } from '../../services/security/access-code.js';
import { html, type SafeHtml } from './html.js';
import type { PageContext } from './page-context.js';
import { refusedFilesNotice, type RefusedFiles } from './evidence-uploads.js';

/**
 * An access code as the reporter should copy it: groups of four, each kept whole on one line,
 * with dashes between (copied, the text is exactly the code). A tap selects all of it.
 */
export function accessCodeView(code: string): SafeHtml {
  const groups = groupAccessCode(code).split('-');
  return html`<code class="access-code" translate="no">${groups.map((g, i) => html`${i === 0 ? '' : '-'}<span class="group">${g}</span>`)}</code>`;
}

/** The receipt: reference, the access code the first time it is shown, and plainly what happens next. */
export function receiptBody(page: PageContext, receipt: ShownReceipt, files: RefusedFiles = { refused: [], limits: null }): SafeHtml {
  const { t, language } = page;
  const due = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(receipt.firstResponseDueAt);
  const code = receipt.accessCode;
  return html`<h1>${t('receipt.heading')}</h1>
${receipt.immediateDanger ? html`<p class="notice urgent">${t('receipt.danger')}</p>` : ''}
<p>${t('receipt.thanks')}</p>
<dl class="receipt">
<dt>${t('receipt.reference')}</dt><dd><strong class="reference">${receipt.reference}</strong></dd>
${code === null ? '' : html`<dt>${t('receipt.code')}</dt><dd>${accessCodeView(code)}<p class="hint">${t('receipt.code.copy')}</p></dd>`}
</dl>
${code === null
    ? html`<p class="notice">${t('receipt.code.shown')} <a href="/status/lost">${t('status.lost.link')}</a></p>`
    : html`<p class="notice">${t('receipt.code.keep')}</p>`}
${refusedFilesNotice(page, files)}
<h2>${t('receipt.next.heading')}</h2>
<ul>
<li>${t('receipt.next.reply', { due })}</li>
<li>${receipt.emailQueued ? t('receipt.next.email') : t('receipt.next.noemail')}</li>
<li>${t('receipt.next.status')}</li>
<li>${t('receipt.next.private')}</li>
</ul>
<p><a href="/status">${t('receipt.status.link')}</a></p>`;
}

/** No receipt to show: the page was opened without a report just sent from this browser, or too late. */
export function noReceiptBody(page: PageContext): SafeHtml {
  const { t } = page;
  return html`<h1>${t('receipt.none.heading')}</h1>
<p>${t('receipt.none.body')}</p>
<ul class="actions">
<li><a class="button" href="/status">${t('receipt.status.link')}</a></li>
<li><a class="button secondary" href="/report">${t('home.report')}</a></li>
</ul>`;
}

/** The form was sent again after it was changed: its report stands, nothing new was filed. */
export function alreadySentBody(page: PageContext): SafeHtml {
  const { t } = page;
  return html`<h1>${t('report.sent.heading')}</h1>
<p>${t('report.sent.body')}</p>
<ul class="actions">
<li><a class="button" href="/report/receipt">${t('report.sent.receipt')}</a></li>
<li><a class="button secondary" href="/status">${t('receipt.status.link')}</a></li>
<li><a class="button secondary" href="/report">${t('report.sent.new')}</a></li>
</ul>`;
}
