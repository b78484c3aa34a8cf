import { CATEGORIES, REPORTER_ROLES } from '../../domain/categories.js';
import { MAX_REPORT_TEXT, REPORT_LANGUAGES } from '../../shared/report-input.js';
import { html, type SafeHtml } from './html.js';
import type { PageContext } from './page-context.js';
import type { PowChallenge } from '../../services/security/proof-of-work.js';
import type { EvidenceFileLimits } from '../../domain/evidence-files.js';
import { filesField } from './evidence-uploads.js';

/** What the reporter typed, kept as text so the form can come back exactly as they left it. */
export interface ReportFormValues {
  /** The slug of the desk chosen; asked only when the Haven has several. */
  desk: string;
  reporterRole: string;
  reportedAccounts: string;
  targetAccount: string;
  links: string;
  privateLinks: string;
  description: string;
  category: string;
  immediateDanger: string;
  contactEmail: string;
  language: string;
  /** Wiki account names of desk members who must not handle the report, one per line (at most three). */
  notHandledBy: string;
}

export type FormErrors = Partial<Record<keyof ReportFormValues, string>>;

/** A desk as the form offers it: by the name its reporters know. */
export interface DeskChoice { slug: string; reporterName: string }

const FIELD_ORDER: (keyof ReportFormValues)[] = [
  'desk', 'reporterRole', 'reportedAccounts', 'targetAccount', 'links', 'privateLinks', 'description', 'category', 'immediateDanger', 'contactEmail',
  'notHandledBy', 'language',
];

function describedBy(id: string, hint: boolean, error: string | undefined): string {
  return [hint ? `${id}-hint` : '', error === undefined ? '' : `${id}-error`].filter((x) => x !== '').join(' ');
}

function fieldError(id: string, error: string | undefined): SafeHtml {
  return html`${error === undefined ? '' : html`<p class="error" id="${id}-error">${error}</p>`}`;
}

function radios(name: keyof ReportFormValues, options: { value: string; label: string }[], values: ReportFormValues, errors: FormErrors, legend: string, hint?: string): SafeHtml {
  const error = errors[name];
  const describe = describedBy(name, hint !== undefined, error);
  return html`<fieldset class="field${error === undefined ? '' : ' has-error'}" id="${name}"${describe === '' ? '' : html` aria-describedby="${describe}"`}>
<legend>${legend}</legend>
${hint === undefined ? '' : html`<p class="hint" id="${name}-hint">${hint}</p>`}
${fieldError(name, error)}
${options.map((o, i) => html`<div class="choice"><input type="radio" name="${name}" id="${name}-${i}" value="${o.value}"${values[name] === o.value ? html` checked` : ''}> <label for="${name}-${i}">${o.label}</label></div>`)}
</fieldset>`;
}

function textField(name: keyof ReportFormValues, values: ReportFormValues, errors: FormErrors, label: string, opts: { hint?: string; multiline?: number; type?: string; autocomplete?: string; maxlength?: number }): SafeHtml {
  const error = errors[name];
  const describe = describedBy(name, opts.hint !== undefined, error);
  const common = html`id="${name}" name="${name}"${describe === '' ? '' : html` aria-describedby="${describe}"`}${error === undefined ? '' : html` aria-invalid="true"`}${opts.maxlength === undefined ? '' : html` maxlength="${opts.maxlength}"`}`;
  const control = opts.multiline !== undefined
    ? html`<textarea ${common} rows="${opts.multiline}">${values[name]}</textarea>`
    : html`<input ${common} type="${opts.type ?? 'text'}" value="${values[name]}" autocomplete="${opts.autocomplete ?? 'off'}" spellcheck="false">`;
  return html`<div class="field${error === undefined ? '' : ' has-error'}">
<label for="${name}">${label}</label>
${opts.hint === undefined ? '' : html`<p class="hint" id="${name}-hint">${opts.hint}</p>`}
${fieldError(name, error)}
${control}
</div>`;
}

/**
 * The report form, with any errors shown in a summary and beside their fields, and its one-time
 * token. With several desks it first asks which community or team the report is for (plain
 * radio buttons: no script needed); with one, it asks nothing and the report goes to that desk.
 */
export function reportForm(
  page: PageContext, values: ReportFormValues, errors: FormErrors, formToken: string, desks: readonly DeskChoice[],
  files: { limits: EvidenceFileLimits; choseBefore: boolean }, challenge: PowChallenge | null = null,
): SafeHtml {
  const { t } = page;
  const errorKeys = FIELD_ORDER.filter((k) => errors[k] !== undefined);
  const summary = errorKeys.length === 0 ? '' : html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2>${t('report.errors.title')}</h2>
<ul>${errorKeys.map((k) => html`<li><a href="#${k}">${errors[k]}</a></li>`)}</ul>
</div>`;
  return html`${summary}
<form method="post" action="/report" enctype="multipart/form-data" novalidate>
<input type="hidden" name="formToken" value="${formToken}">
${challenge === null ? '' : powField(challenge)}
${desks.length > 1 ? radios('desk', desks.map((d) => ({ value: d.slug, label: d.reporterName })), values, errors, t('report.desk.legend'), t('report.desk.hint')) : ''}
${radios('reporterRole', REPORTER_ROLES.map((r) => ({ value: r, label: t(`report.role.${r}`) })), values, errors, t('report.role.legend'))}
${textField('reportedAccounts', values, errors, t('report.accounts.label'), { hint: t('report.accounts.hint'), multiline: 3 })}
${textField('targetAccount', values, errors, t('report.target.label'), { hint: t('report.target.hint') })}
${textField('links', values, errors, t('report.links.label'), { hint: t('report.links.hint'), multiline: 4 })}
${textField('privateLinks', values, errors, t('report.privateLinks.label'), { hint: t('report.privateLinks.hint'), multiline: 2 })}
${textField('description', values, errors, t('report.description.label'), { hint: t('report.description.hint', { max: MAX_REPORT_TEXT.toLocaleString('en') }), multiline: 10, maxlength: MAX_REPORT_TEXT })}
${filesField(page, files.limits, files.choseBefore)}
<div class="field${errors.category === undefined ? '' : ' has-error'}">
<label for="category">${t('report.category.label')}</label>
${fieldError('category', errors.category)}
<select id="category" name="category"${errors.category === undefined ? '' : html` aria-describedby="category-error" aria-invalid="true"`}>
<option value="">${t('report.category.choose')}</option>
${CATEGORIES.map((c) => html`<option value="${c}"${values.category === c ? html` selected` : ''}>${t(`category.${c}`)}</option>`)}
</select>
</div>
${radios('immediateDanger', [{ value: 'yes', label: t('report.danger.yes') }, { value: 'no', label: t('report.danger.no') }], values, errors, t('report.danger.legend'), t('report.danger.hint'))}
${textField('contactEmail', values, errors, t('report.email.label'), { hint: t('report.email.hint'), type: 'email', autocomplete: 'email' })}
${textField('notHandledBy', values, errors, t('report.notHandledBy.label'), { hint: t('report.notHandledBy.hint'), multiline: 3 })}
<div class="field${errors.language === undefined ? '' : ' has-error'}">
<label for="language">${t('report.language.label')}</label>
<p class="hint" id="language-hint">${t('report.language.hint')}</p>
${fieldError('language', errors.language)}
<select id="language" name="language" aria-describedby="language-hint">
${Object.entries(REPORT_LANGUAGES).map(([tag, name]) => html`<option value="${tag}" lang="${tag}"${values.language === tag ? html` selected` : ''}>${name}</option>`)}
</select>
</div>
<p class="hint">${t('report.privacy')}</p>
${challenge === null ? '' : powStatus(page)}
<button type="submit">${t('report.submit')}</button>
</form>`;
}

/**
 * Under pressure only: the challenge for /assets/pow.js to solve into the hidden `pow` field.
 * Without the script the field stays empty and the report is still taken while Haven has room.
 */
function powField(challenge: PowChallenge): SafeHtml {
  return html`<input type="hidden" name="pow" value="" data-challenge="${JSON.stringify(challenge)}">`;
}

/** Where the script says how the check is going: next to the button it holds back. */
function powStatus(page: PageContext): SafeHtml {
  const { t } = page;
  return html`<p class="hint" id="pow-status" role="status" aria-live="polite" data-working="${t('report.pow.working')}" data-done="${t('report.pow.done')}" data-failed="${t('report.pow.failed')}"></p>`;
}

/** Empty form values for a reporter whose browser prefers `language`. */
export function emptyReportForm(language: string): ReportFormValues {
  return {
    desk: '', reporterRole: '', reportedAccounts: '', targetAccount: '', links: '', privateLinks: '', description: '', category: '',
    immediateDanger: '', contactEmail: '', language: language in REPORT_LANGUAGES ? language : 'en', notHandledBy: '',
  };
}
