import { pickLanguage } from '../../../training/languages.js';
import { sectionQuestions, type SectionText, type TrainingModule, type TrainingSection } from '../../../training/types.js';
import type { PageContext } from '../page-context.js';

/** The address of a module's tab. */
export function sectionPath(module: TrainingModule, sectionId: string): string {
  return `/training/${module.id}/${sectionId}`;
}

/** A section in the reader's best language (the module's own language is always there). */
export function textIn(module: TrainingModule, section: TrainingSection, preferred: readonly string[]): SectionText {
  const text = section.texts.get(pickLanguage(section.texts, preferred, module.language)) ?? section.texts.get(module.language);
  if (text === undefined) throw new Error(`section ${section.id} of ${module.id} has no ${module.language} text`);
  return text;
}

/** The module's title in the reader's best language. */
export function titleIn(module: TrainingModule, preferred: readonly string[]): string {
  return module.titles.get(pickLanguage(module.titles, preferred, module.language)) ?? module.id;
}

/** The module's summary in the reader's best language. */
export function summaryIn(module: TrainingModule, preferred: readonly string[]): string {
  return module.summaries.get(pickLanguage(module.summaries, preferred, module.language)) ?? '';
}

/** "About 40 minutes · 8 tabs · 9 questions", in the plural forms of the page's language. */
export function moduleMeta(page: PageContext, module: TrainingModule): string {
  const questions = module.sections.reduce((n, s) => n + sectionQuestions(s.texts.get(module.language) ?? { language: '', title: '', blocks: [] }).length, 0);
  const rules = new Intl.PluralRules(page.language);
  // The catalog holds the forms English needs (one, other); another language falls back to other.
  const counted = (key: string, count: number): string => {
    const form = rules.select(count);
    try {
      return page.t(`${key}.${form}`, { count });
    } catch {
      return page.t(`${key}.other`, { count });
    }
  };
  return [counted('training.meta.minutes', module.estimatedMinutes), counted('training.meta.tabs', module.sections.length), counted('training.meta.questions', questions)].join(' · ');
}
