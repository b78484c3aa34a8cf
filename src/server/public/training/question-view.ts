import { SafeHtml, html } from '../html.js';
import { isRightToLeft } from '../../../services/i18n.js';
import type { QuizQuestion } from '../../../training/types.js';
import type { PageContext } from '../page-context.js';

/**
 * Marks the interface's own words with the interface's language and direction: inside an
 * Arabic section, "Check my answer" is still English and must read left to right.
 */
export function uiText(page: PageContext): SafeHtml {
  return html` lang="${page.language}" dir="${isRightToLeft(page.language) ? 'rtl' : 'ltr'}"`;
}

/** Markup from the training renderer (raw HTML off, safe links only; see training/markdown.ts). */
export function rendered(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export interface QuestionState {
  /** The option the reader chose last, if any. */
  chosen: string | null;
  /** The reader sent the form without choosing. */
  missing: boolean;
}

export interface QuestionForm { action: string; csrf: string | null; lang: string | null }

function result(page: PageContext, question: QuizQuestion, chosen: string): SafeHtml {
  const { t } = page;
  const option = question.options.find((o) => o.id === chosen);
  if (option === undefined) return html``;
  const best = chosen === question.best;
  return html`<div class="answer-result ${best ? 'is-best' : 'not-best'}" id="answer-${question.id}" tabindex="-1">
<p class="verdict"${uiText(page)}>${best ? t('training.answer.best') : t('training.answer.notBest')}</p>
<p class="chosen"><span${uiText(page)}>${t('training.answer.chose')}</span> ${rendered(option.textHtml)}</p>
<div class="explanation">${rendered(option.explanationHtml)}</div>
</div>
<details class="all-explanations">
<summary${uiText(page)}>${t('training.answer.all')}</summary>
<ol>${question.options.map((o) => html`<li${o.id === question.best ? html` class="best"` : ''}>
<p class="option-text">${rendered(o.textHtml)}${o.id === question.best ? html` <strong class="tag"${uiText(page)}>${t('training.answer.bestTag')}</strong>` : ''}</p>
${rendered(o.explanationHtml)}</li>`)}</ol>
</details>`;
}

/**
 * A question as a plain form: choosing and sending works without script. After an answer the
 * chosen option's explanation shows, and a <details> element reveals every explanation.
 */
export function questionView(page: PageContext, question: QuizQuestion, state: QuestionState, form: QuestionForm): SafeHtml {
  const { t } = page;
  const prefix = `q-${question.id}`;
  return html`<section class="question" id="question-${question.id}" aria-labelledby="${prefix}-heading">
<h3 id="${prefix}-heading"${uiText(page)}>${t('training.question.heading')}</h3>
${question.situationHtml === null ? '' : html`<div class="situation">${rendered(question.situationHtml)}</div>`}
<form method="post" action="${form.action}" novalidate>
<input type="hidden" name="question" value="${question.id}">
${form.csrf === null ? '' : html`<input type="hidden" name="csrf" value="${form.csrf}">`}
${form.lang === null ? '' : html`<input type="hidden" name="lang" value="${form.lang}">`}
<fieldset class="field${state.missing ? ' has-error' : ''}"${state.missing ? html` aria-describedby="${prefix}-error"` : ''}>
<legend>${rendered(question.questionHtml)}</legend>
<p class="hint"${uiText(page)}>${t('training.question.hint')}</p>
${state.missing ? html`<p class="error" id="${prefix}-error"${uiText(page)}>${t('training.question.missing')}</p>` : ''}
${question.options.map((o) => html`<div class="choice option">
<input type="radio" name="choice" id="${prefix}-${o.id}" value="${o.id}"${state.chosen === o.id ? html` checked` : ''}>
<label for="${prefix}-${o.id}">${rendered(o.textHtml)}</label>
</div>`)}
</fieldset>
<button type="submit"${uiText(page)}>${t('training.question.submit')}</button>
</form>
${state.chosen === null ? '' : result(page, question, state.chosen)}
${question.discussion === null ? '' : html`<p class="discussion"${uiText(page)}><a href="${question.discussion}">${t('training.answer.discussion')}</a></p>`}
</section>`;
}
