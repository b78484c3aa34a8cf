import type { ProgressSummary } from '../../../domain/training-progress.js';
import { isRightToLeft } from '../../../services/i18n.js';
import { pickLanguage } from '../../../training/languages.js';
import type { TrainingModule } from '../../../training/types.js';
import { html, type SafeHtml } from '../html.js';
import { moduleMeta, sectionPath, summaryIn, titleIn } from './module-text.js';
import { progressText, readerNote } from './progress-view.js';
import { trainingHref, type TrainingReader } from './reader.js';

/** The list of modules, with the signed-in reader's progress in each. */
export function listPage(reader: TrainingReader, modules: readonly TrainingModule[], progress: ReadonlyMap<string, ProgressSummary> | null): { title: string; body: SafeHtml } {
  const { t } = reader.page;
  const items = modules.map((module) => {
    const first = module.sections[0];
    const language = pickLanguage(module.titles, reader.preferred, module.language);
    const summary = progress?.get(module.id);
    return html`<li class="module-card" lang="${language}" dir="${isRightToLeft(language) ? 'rtl' : 'ltr'}">
<h2><a href="${trainingHref(reader, first === undefined ? '/training' : sectionPath(module, first.id))}">${titleIn(module, reader.preferred)}</a></h2>
<p>${summaryIn(module, reader.preferred)}</p>
<p class="module-meta" lang="${reader.page.language}">${moduleMeta(reader.page, module)}</p>
${summary === undefined ? '' : html`<p class="progress${summary.completedAt === null ? '' : ' complete'}" lang="${reader.page.language}"><strong>${t('training.progress.label')}:</strong> ${progressText(reader.page, summary)}</p>`}
</li>`;
  });
  const body = html`<h1>${t('training.heading')}</h1>
<p>${t('training.intro')}</p>
${readerNote(reader)}
${modules.length === 0 ? html`<p>${t('training.list.empty')}</p>` : html`<ol class="modules">${items}</ol>`}`;
  return { title: t('training.title'), body };
}
