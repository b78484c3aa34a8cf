import type { ModuleOutline } from '../domain/training-progress.js';
import { sectionQuestions, type TrainingModule } from './types.js';

/** The ids progress is measured against, from the module's own language (translations match it). */
export function moduleOutline(module: TrainingModule): ModuleOutline {
  const texts = module.sections.flatMap((section) => {
    const text = section.texts.get(module.language);
    return text === undefined ? [] : [text];
  });
  return {
    moduleId: module.id,
    sectionIds: module.sections.map((s) => s.id),
    questions: texts.flatMap(sectionQuestions).map((q) => ({ id: q.id, options: q.options.map((o) => o.id), best: q.best })),
  };
}
