import type { ParsedSection } from './parse-section.js';
import type { TrainingProblem } from './problems.js';
import { sectionQuestions } from './types.js';

/**
 * A translated section must ask the same questions, with the same options and the same best
 * option, in the same order: progress is stored by these ids, whatever language a person reads.
 */
export function checkTranslations(prefix: string, sectionId: string, original: string, byLanguage: ReadonlyMap<string, ParsedSection>): TrainingProblem[] {
  const base = byLanguage.get(original)?.text;
  if (base === null || base === undefined) return [];
  const expected = sectionQuestions(base);
  const problems: TrainingProblem[] = [];
  for (const [language, section] of byLanguage) {
    if (language === original || section.text === null) continue;
    const file = `${prefix}${sectionId}.${language}.md`;
    const found = sectionQuestions(section.text);
    const ids = found.map((q) => q.id).join(', ');
    if (ids !== expected.map((q) => q.id).join(', ')) {
      problems.push({ file, line: null, message: `the translation asks questions ${ids || '(none)'}, but ${sectionId}.md asks ${expected.map((q) => q.id).join(', ') || '(none)'}` });
      continue;
    }
    found.forEach((question, index) => {
      const want = expected[index];
      if (want === undefined) return;
      const line = section.questionLines.get(question.id) ?? null;
      const options = question.options.map((o) => o.id).join(', ');
      const wantOptions = want.options.map((o) => o.id).join(', ');
      if (options !== wantOptions) {
        problems.push({ file, line, message: `question "${question.id}" has options ${options} here but ${wantOptions} in ${sectionId}.md` });
      } else if (question.best !== want.best) {
        problems.push({ file, line, message: `question "${question.id}" has best option "${question.best}" here but "${want.best}" in ${sectionId}.md` });
      }
    });
  }
  return problems;
}
