import { html, type SafeHtml } from './html.js';
import { isRightToLeft } from '../../services/i18n.js';
import type { PageContext } from './page-context.js';

/** The frame of every public page: plain, light, and usable with no script at all (`scripts` only add a step). */
export function layout(page: PageContext, input: { title: string; body: SafeHtml; scripts?: readonly string[] }): string {
  const { t, language } = page;
  return '<!doctype html>\n' + html`<html lang="${language}" dir="${isRightToLeft(language) ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${input.title} · ${t('site.name')}</title>
<link rel="stylesheet" href="/assets/haven.css">
${(input.scripts ?? []).map((src) => html`<script src="${src}" defer></script>
`)}</head>
<body>
<a class="skip" href="#main">${t('layout.skip')}</a>
<header class="site"><a class="brand" href="/">${t('site.name')}</a>
<nav aria-label="${t('layout.nav')}"><a href="/report">${t('layout.nav.report')}</a> <a href="/status">${t('layout.nav.status')}</a></nav>
</header>
<main id="main">
${input.body}
</main>
<footer class="site"><p>${t('layout.footer')}</p></footer>
</body>
</html>
`.value;
}
