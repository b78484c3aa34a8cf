import type { ProgressSummary } from '../../../domain/training-progress.js';
import { html, type SafeHtml } from '../html.js';
import type { PageContext } from '../page-context.js';
import type { TrainingReader } from './reader.js';

/** One line saying how far a person is with a module. */
export function progressText(page: PageContext, summary: ProgressSummary): string {
  const { t } = page;
  if (summary.completedAt !== null) return t('training.progress.complete');
  if (summary.sectionsRead === 0 && summary.questionsAnswered === 0) return t('training.progress.notStarted');
  return t('training.progress.partial', { read: summary.sectionsRead, sections: summary.sections, settled: summary.questionsSettled, questions: summary.questions });
}

/** When a module was completed, in words. */
export function completedOn(page: PageContext, at: Date): string {
  return page.t('training.progress.completedOn', { date: new Intl.DateTimeFormat(page.language, { dateStyle: 'long', timeZone: 'UTC' }).format(at) });
}

/** Tells the reader whether their progress is being kept, and how to have it kept. */
export function readerNote(reader: TrainingReader): SafeHtml {
  const { t } = reader.page;
  if (reader.staff !== null) return html`<p class="reader-note">${t('training.reader.signedIn', { username: reader.staff.username })}</p>`;
  return html`<p class="reader-note">${t('training.reader.anonymous')} ${t('training.reader.signIn')} <a href="/desk/">${t('training.reader.signInLink')}</a></p>`;
}
