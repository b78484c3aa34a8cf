import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkTrainingFolder } from './check.js';
import { loadCatalog } from './load-catalog.js';
import { formatProblem } from './problems.js';
import { sectionQuestions } from './types.js';

// Every module Haven ships must pass `haven training check`, and meet the standard the
// training was written to: realistic situations, several plausible answers, one best.

const CONTENT = fileURLToPath(new URL('../../content/training', import.meta.url));

describe('the shipped training modules', () => {
  it('all pass the check', () => {
    const result = checkTrainingFolder(CONTENT);
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.modules).toEqual(['handling-harassment-reports', 'doxxing-and-personal-information', 'threats-and-emergencies', 'closing-a-case']);
  });

  const { modules } = loadCatalog(CONTENT);
  it.each(modules.map((m) => [m.id, m] as const))('%s has at least three tabs and three questions, each a situation with four options', (_id, module) => {
    expect(module.sections.length).toBeGreaterThanOrEqual(3);
    const questions = module.sections.flatMap((s) => sectionQuestions(s.texts.get(module.language)!));
    expect(questions.length).toBeGreaterThanOrEqual(module.id === 'handling-harassment-reports' ? 8 : 3);
    for (const question of questions) {
      expect(question.situationHtml, question.id).not.toBeNull();
      expect(question.options, question.id).toHaveLength(4);
    }
    // The best option is not always in the same place, so position gives nothing away.
    expect(new Set(questions.map((q) => q.options.findIndex((o) => o.id === q.best))).size).toBeGreaterThan(module.id === 'handling-harassment-reports' ? 1 : 0);
  });

  it('include the personal-information acknowledgement question of the first module', () => {
    const first = modules.find((m) => m.id === 'handling-harassment-reports');
    const question = first?.sections.flatMap((s) => sectionQuestions(s.texts.get('en')!)).find((q) => q.id === 'personal-information-acknowledgement');
    const best = question?.options.find((o) => o.id === question.best);
    // The best acknowledgement is kind, names a date, offers help without promising, and asks for updates.
    expect(best?.textHtml).toMatch(/sorry/);
    expect(best?.textHtml).toMatch(/by Thursday/);
    expect(best?.textHtml).toMatch(/if anything new happens/i);
  });
});
