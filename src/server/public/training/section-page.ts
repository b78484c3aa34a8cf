import type { ProgressSummary, StoredProgress } from '../../../domain/training-progress.js';
import { isRightToLeft } from '../../../services/i18n.js';
import { languageName, pickLanguage } from '../../../training/languages.js';
import type { TrainingModule } from '../../../training/types.js';
import { html, type SafeHtml } from '../html.js';
import { completedOn, progressText, readerNote } from './progress-view.js';
import { questionView, rendered, uiText, type QuestionState } from './question-view.js';
import { trainingHref, type TrainingReader } from './reader.js';
import { moduleMeta, sectionPath, textIn, titleIn } from './module-text.js';

export interface SectionView {
  module: TrainingModule;
  index: number;
  /** The signed-in reader's progress; null for anyone else. */
  progress: { stored: StoredProgress; summary: ProgressSummary } | null;
  /** The answer just given (from the address after the form was sent). */
  answered: { questionId: string; optionId: string | null } | null;
}

function questionState(view: SectionView, questionId: string): QuestionState {
  const latest = view.progress?.stored.answers.find((a) => a.questionId === questionId)?.latestOption ?? null;
  if (view.answered?.questionId !== questionId) return { chosen: latest, missing: false };
  return { chosen: view.answered.optionId ?? latest, missing: view.answered.optionId === null };
}

function tabs(reader: TrainingReader, view: SectionView): SafeHtml {
  const { t } = reader.page;
  const read = new Set(view.progress?.stored.sectionsRead ?? []);
  return html`<nav class="tabs" aria-label="${t('training.tabs.label')}"><ol>${view.module.sections.map((section, i) => {
    const title = textIn(view.module, section, reader.preferred).title;
    const current = i === view.index;
    return html`<li${current ? html` class="current"` : ''}><a href="${trainingHref(reader, sectionPath(view.module, section.id))}"${current ? html` aria-current="page"` : ''}><span class="tab-number">${i + 1}</span> <span class="tab-title">${title}</span>${read.has(section.id) ? html` <span class="read-mark" aria-hidden="true">✓</span><span class="visually-hidden">${t('training.tabs.read')}</span>` : ''}</a></li>`;
  })}</ol></nav>`;
}

function languages(reader: TrainingReader, view: SectionView, shown: string): SafeHtml {
  const section = view.module.sections[view.index];
  const others = [...(section?.texts.keys() ?? [])].filter((language) => language !== shown);
  if (section === undefined || others.length === 0) return html``;
  return html`<p class="languages">${reader.page.t('training.languages')} ${others.map((language, i) => html`${i > 0 ? ', ' : ''}<a href="${trainingHref({ chosen: language }, sectionPath(view.module, section.id))}" lang="${language}" hreflang="${language}">${languageName(language)}</a>`)}</p>`;
}

function pager(reader: TrainingReader, view: SectionView): SafeHtml {
  const { t } = reader.page;
  const previous = view.module.sections[view.index - 1];
  const next = view.module.sections[view.index + 1];
  const link = (section: typeof next, key: 'training.pager.previous' | 'training.pager.next', rel: string) => section === undefined ? '' : html`<a class="${rel}" rel="${rel}" href="${trainingHref(reader, sectionPath(view.module, section.id))}">${t(key, { title: textIn(view.module, section, reader.preferred).title })}</a>`;
  return html`<nav class="pager" aria-label="${t('training.pager.label')}">
${link(previous, 'training.pager.previous', 'prev')}
${next === undefined ? html`<a class="next" href="${trainingHref(reader, '/training')}">${t('training.pager.done')}</a>` : link(next, 'training.pager.next', 'next')}
</nav>`;
}

/** One tab of a module: the tabs as links, "tab 3 of 8", the section and its questions. */
export function sectionPage(reader: TrainingReader, view: SectionView): { title: string; body: SafeHtml } {
  const { t } = reader.page;
  const { module } = view;
  const section = module.sections[view.index];
  if (section === undefined) throw new Error(`no section ${view.index} in ${module.id}`);
  const text = textIn(module, section, reader.preferred);
  const moduleTitle = titleIn(module, reader.preferred);
  const completed = view.progress?.summary.completedAt ?? null;
  const form = { action: `${sectionPath(module, section.id)}/answers`, csrf: reader.staff?.csrfToken ?? null, lang: reader.chosen };
  const titleLanguage = pickLanguage(module.titles, reader.preferred, module.language);
  const body = html`<p class="breadcrumb"><a href="${trainingHref(reader, '/training')}">${t('training.breadcrumb')}</a></p>
<h1 lang="${titleLanguage}" dir="${isRightToLeft(titleLanguage) ? 'rtl' : 'ltr'}">${moduleTitle}</h1>
<p class="module-meta">${moduleMeta(reader.page, module)}</p>
${readerNote(reader)}
${view.progress === null ? '' : html`<p class="progress" id="module-progress"><strong>${t('training.progress.label')}:</strong> ${progressText(reader.page, view.progress.summary)}${completed === null ? '' : html`. ${completedOn(reader.page, completed)}`}</p>`}
${languages(reader, view, text.language)}
${tabs(reader, view)}
<article class="section" lang="${text.language}" dir="${isRightToLeft(text.language) ? 'rtl' : 'ltr'}" aria-labelledby="section-title">
<p class="tab-position"${uiText(reader.page)}>${t('training.tabs.position', { current: view.index + 1, total: module.sections.length })}</p>
<h2 id="section-title">${text.title}</h2>
${text.blocks.map((block) => (block.kind === 'html' ? rendered(block.html) : questionView(reader.page, block.question, questionState(view, block.question.id), { ...form, action: `${form.action}#answer-${block.question.id}` })))}
</article>
${completed !== null && view.index === module.sections.length - 1 ? html`<p class="notice success" role="status">${t('training.complete')}</p>` : ''}
${pager(reader, view)}`;
  return { title: t('training.section.title', { section: text.title, module: moduleTitle }), body };
}
