import { CONSENT_AUDIENCES, CONSENT_SUBJECTS, type ConsentGrant } from '../../domain/consent.js';
import { html, type SafeHtml } from './html.js';
import type { PageContext } from './page-context.js';

/** The value of one checkbox: `subject:audience`. */
export function grantValue(grant: ConsentGrant): string {
  return `${grant.subject}:${grant.audience}`;
}

/** The grants a posted form names; anything that is not one is ignored (the checkboxes are all the form offers). */
export function grantsFromForm(posted: unknown): ConsentGrant[] {
  const values = Array.isArray(posted) ? posted : [posted];
  const grants: ConsentGrant[] = [];
  for (const audience of CONSENT_AUDIENCES) {
    for (const subject of CONSENT_SUBJECTS) {
      if (values.includes(grantValue({ subject, audience }))) grants.push({ subject, audience });
    }
  }
  return grants;
}

/**
 * What the reporter (or target) agrees the desk may share, and with whom: one group of
 * checkboxes per audience, nothing ticked until they say so. A plain form: no script needed.
 */
export function consentForm(page: PageContext, grants: readonly ConsentGrant[], csrf: string): SafeHtml {
  const { t } = page;
  const granted = new Set(grants.map(grantValue));
  return html`<h2 id="consent-heading">${t('status.consent.heading')}</h2>
<p>${t('status.consent.intro')}</p>
<form method="post" action="/status/consent" novalidate aria-labelledby="consent-heading" class="consent">
<input type="hidden" name="csrf" value="${csrf}">
${CONSENT_AUDIENCES.map((audience) => html`<fieldset>
<legend>${t(`status.consent.audience.${audience}`)}</legend>
${CONSENT_SUBJECTS.map((subject) => {
    const value = grantValue({ subject, audience });
    const id = `consent-${subject}-${audience}`;
    return html`<div class="choice"><input type="checkbox" id="${id}" name="grant" value="${value}"${granted.has(value) ? html` checked` : ''}>
<label for="${id}">${t(`status.consent.subject.${subject}`)}</label></div>`;
  })}
</fieldset>`)}
<button type="submit">${t('status.consent.submit')}</button>
</form>`;
}
