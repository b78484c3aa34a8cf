import type { ReporterCaseView } from '../../services/reporter-case-view.js';
import type { EvidenceFileLimits } from '../../domain/evidence-files.js';
import { filesField, refusedFilesNotice, type RefusedFiles } from './evidence-uploads.js';
import { MAX_REPORT_TEXT } from '../../shared/report-input.js';
import { html, type SafeHtml } from './html.js';
import type { PageContext } from './page-context.js';
import { withdrawalSection } from './withdrawal-views.js';
import { consentForm } from './consent-form.js';

/** The form that asks for an access code. */
export function codeForm(page: PageContext, error: string | null): SafeHtml {
  const { t } = page;
  return html`<h1>${t('status.heading')}</h1>
<p class="notice urgent">${t('report.emergency')}</p>
<p>${t('status.intro')}</p>
<form method="post" action="/status" novalidate>
<div class="field${error === null ? '' : ' has-error'}">
<label for="code">${t('status.code.label')}</label>
<p class="hint" id="code-hint">${t('status.code.hint')}</p>
${error === null ? '' : html`<p class="error" id="code-error" role="alert">${error}</p>`}
<input id="code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="code-hint${error === null ? '' : ' code-error'}"${error === null ? '' : html` aria-invalid="true"`}>
</div>
<button type="submit">${t('status.code.submit')}</button>
</form>
<p>${t('status.lost')} <a href="/status/lost">${t('status.lost.link')}</a></p>`;
}

/**
 * Asked when a status link arrives while the reporter already follows a case on this device:
 * opening the link ends that session. The code goes back in a hidden field of a same-origin
 * form, so going ahead is one deliberate click, and needs no script.
 */
export function confirmSwitchBody(page: PageContext, reference: string, code: string): SafeHtml {
  const { t } = page;
  return html`<h1>${t('status.switch.heading')}</h1>
<p>${t('status.switch.body', { reference })}</p>
<form method="post" action="/status">
<input type="hidden" name="code" value="${code}">
<button type="submit">${t('status.switch.confirm')}</button>
</form>
<p><a href="/status">${t('status.switch.stay', { reference })}</a></p>`;
}

/** Shown when the add-information form came back without its current security token. */
export function staleFormBody(page: PageContext): SafeHtml {
  const { t } = page;
  return html`<h1>${t('status.heading')}</h1>
<p class="error" role="alert">${t('status.csrf')}</p>
<p><a href="/status">${t('receipt.status.link')}</a></p>`;
}

function when(page: PageContext, date: Date): string {
  return new Intl.DateTimeFormat(page.language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date) + ' UTC';
}

/** How a closed case ended, in plain words, and the next steps the desk offered. */
function closedSection(page: PageContext, closing: NonNullable<ReporterCaseView['closing']>): SafeHtml {
  const { t } = page;
  return html`<section class="closing" aria-labelledby="closing-heading">
<h2 id="closing-heading">${t('status.closed.heading')}</h2>
<p>${t(`status.outcome.${closing.outcome}`)}</p>
<p>${t('status.closed.when', { date: when(page, closing.closedAt) })}</p>
${closing.nextSteps === null ? '' : html`<h3>${t('status.closed.nextSteps')}</h3>
<p class="body">${closing.nextSteps}</p>`}
<p>${t('status.closed.reopen')}</p>
</section>`;
}

export interface UpdateDraft { text: string; links: string; error: string }

/** The files part of the update form: the case's desk's limits, files chosen before a form came back, those the last update refused. */
export interface StatusUploads { limits: EvidenceFileLimits; choseBefore: boolean; refused: RefusedFiles }

/** The reporter's view of their case, with the form to add information. */
/** Where a party names up to three people on the desk who must not handle their case (no script needed). */
function notHandledByForm(page: PageContext, csrf: string, named: { names: string; error: string } | null): SafeHtml {
  const { t } = page;
  const describe = named === null ? 'names-hint' : 'names-hint names-error';
  return html`<h2 id="not-handled-by-heading">${t('status.notHandledBy.heading')}</h2>
<form method="post" action="/status/not-handled-by" novalidate aria-labelledby="not-handled-by-heading">
<input type="hidden" name="csrf" value="${csrf}">
<div class="field${named === null ? '' : ' has-error'}">
<label for="names">${t('status.notHandledBy.label')}</label>
<p class="hint" id="names-hint">${t('status.notHandledBy.hint')}</p>
${named === null ? '' : html`<p class="error" id="names-error" role="alert">${named.error}</p>`}
<textarea id="names" name="names" rows="3" aria-describedby="${describe}"${named === null ? '' : html` aria-invalid="true"`}>${named?.names ?? ''}</textarea>
</div>
<button type="submit">${t('status.notHandledBy.submit')}</button>
</form>`;
}

export function statusBody(
  page: PageContext, view: ReporterCaseView, csrf: string, notice: string | null, draft: UpdateDraft | null,
  uploads: StatusUploads, named: { names: string; error: string } | null = null,
): SafeHtml {
  const { t } = page;
  // The reporter is owed the first response and the promised updates; a target the desk
  // contacted is told only that the team would like to hear from them.
  const reporter = view.partyRole === 'reporter';
  const expectation = !reporter ? null : view.nextUpdateDueAt !== null
    ? t('status.next.update', { date: when(page, view.nextUpdateDueAt) })
    : view.status === 'new' ? t('status.next.first', { date: when(page, view.firstResponseDueAt) }) : null;
  return html`<h1>${t(reporter ? 'status.case.heading' : 'status.target.heading', { reference: view.reference })}</h1>
${view.immediateDanger ? html`<p class="notice urgent">${t('receipt.danger')}</p>` : ''}
${notice === null ? '' : html`<p class="notice success" role="status">${notice}</p>`}
${refusedFilesNotice(page, uploads.refused, 'status')}
${reporter ? '' : html`<p>${t('status.target.intro')}</p>`}
<dl class="summary">
<dt>${t('status.status')}</dt><dd>${t(`status.value.${view.status}`)}</dd>
<dt>${t('status.received')}</dt><dd>${when(page, view.receivedAt)}</dd>
</dl>
${expectation === null ? '' : html`<p>${expectation}</p>`}
${view.closing === null ? '' : closedSection(page, view.closing)}
<h2>${t('status.messages.heading')}</h2>
${view.messages.length === 0 ? html`<p>${t('status.messages.none')}</p>` : html`<ol class="messages">${view.messages.map((m) => html`<li class="message from-${m.from}">
<p class="meta">${m.from === 'staff' ? t('status.messages.from.staff') : t('status.messages.from.you')} · ${when(page, m.at)}</p>
<p class="body">${m.body}</p></li>`)}</ol>`}
<h2 id="add-heading">${t('status.update.heading')}</h2>
<p>${t(reporter ? 'status.update.intro' : 'status.target.update.intro')}</p>
<form method="post" action="/status/updates" enctype="multipart/form-data" novalidate aria-labelledby="add-heading">
<input type="hidden" name="csrf" value="${csrf}">
<div class="field${draft === null ? '' : ' has-error'}">
<label for="text">${t('status.update.text')}</label>
${draft === null ? '' : html`<p class="error" id="text-error" role="alert">${draft.error}</p>`}
<textarea id="text" name="text" rows="6" maxlength="${MAX_REPORT_TEXT}"${draft === null ? '' : html` aria-describedby="text-error" aria-invalid="true"`}>${draft?.text ?? ''}</textarea>
</div>
<div class="field">
<label for="links">${t('status.update.links')}</label>
<p class="hint" id="links-hint">${t('status.update.links.hint')}</p>
<textarea id="links" name="links" rows="3" aria-describedby="links-hint">${draft?.links ?? ''}</textarea>
</div>
${filesField(page, uploads.limits, uploads.choseBefore)}
<button type="submit">${t('status.update.submit')}</button>
</form>
${withdrawalSection(page, view, csrf)}
${view.consent === null ? '' : consentForm(page, view.consent.grants, csrf)}
${notHandledByForm(page, csrf, named)}
<form method="post" action="/status/sign-out" class="sign-out"><button type="submit" class="secondary">${t('status.signout')}</button></form>`;
}
