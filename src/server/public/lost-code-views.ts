import { SIGN_IN_LINK_MINUTES, SIGN_IN_LINK_REQUESTS_PER_HOUR } from '../../domain/intake-limits.js';
import { html, type SafeHtml } from './html.js';
import type { PageContext } from './page-context.js';

/** The form that asks for the address a report was made with. */
export function lostCodeForm(page: PageContext, typed: string, error: string | null): SafeHtml {
  const { t } = page;
  return html`<h1>${t('status.lost.heading')}</h1>
<p>${t('status.lost.intro', { minutes: SIGN_IN_LINK_MINUTES })}</p>
<form method="post" action="/status/lost" novalidate>
<div class="field${error === null ? '' : ' has-error'}">
<label for="email">${t('status.lost.email.label')}</label>
${error === null ? '' : html`<p class="error" id="email-error" role="alert">${error}</p>`}
<input id="email" name="email" type="email" autocomplete="email" spellcheck="false" value="${typed}"${error === null ? '' : html` aria-describedby="email-error" aria-invalid="true"`}>
</div>
<button type="submit">${t('status.lost.submit')}</button>
</form>
<p>${t('status.lost.noemail')}</p>
<p><a href="/status">${t('status.lost.back')}</a></p>`;
}

/** The one answer to every well-formed request, known address or not. */
export function lostCodeSentBody(page: PageContext): SafeHtml {
  const { t } = page;
  return html`<h1>${t('status.lost.sent.heading')}</h1>
<p class="notice success" role="status">${t('status.lost.sent.body', { minutes: SIGN_IN_LINK_MINUTES })}</p>
<p>${t('status.lost.sent.limit', { count: SIGN_IN_LINK_REQUESTS_PER_HOUR })}</p>
<p><a href="/status">${t('status.lost.back')}</a></p>`;
}

/**
 * The page a sign-in link opens: a button, not an automatic sign-in, because mail scanners
 * fetch every link in a message and would use up a single-use link before its reader could.
 */
export function signInLinkBody(page: PageContext, token: string): SafeHtml {
  const { t } = page;
  return html`<h1>${t('status.link.heading')}</h1>
<p>${t('status.link.intro')}</p>
<form method="post" action="/status/link">
<input type="hidden" name="token" value="${token}">
<button type="submit">${t('status.link.submit')}</button>
</form>`;
}

/** A link that was used, has expired, or never was one. */
export function deadLinkBody(page: PageContext): SafeHtml {
  const { t } = page;
  return html`<h1>${t('status.link.heading')}</h1>
<p class="error" role="alert">${t('status.link.invalid', { minutes: SIGN_IN_LINK_MINUTES })}</p>
<ul class="actions">
<li><a class="button" href="/status/lost">${t('status.link.again')}</a></li>
<li><a class="button secondary" href="/status">${t('status.lost.back')}</a></li>
</ul>`;
}
