import { adminDesksOf, type Actor } from './access-policy.js';

// What it means to have done a training module. Modules are files that can change, so
// progress is stored by id and always measured against the module as it is now: a section
// or question that was removed no longer counts, and a new one is still to do.

/** The ids that completion is measured against. */
export interface ModuleOutline {
  moduleId: string;
  sectionIds: readonly string[];
  questions: readonly { id: string; options: readonly string[]; best: string }[];
}

/** One person's answer to one question, as stored. */
export interface StoredAnswer {
  questionId: string;
  firstCorrect: boolean;
  latestOption: string;
  /** When they first chose the best option; null while they have not. */
  bestChosenAt: Date | null;
}

/** Everything stored about one person and one module. */
export interface StoredProgress {
  sectionsRead: readonly string[];
  answers: readonly StoredAnswer[];
  completedAt: Date | null;
}

export interface ProgressSummary {
  sections: number;
  sectionsRead: number;
  questions: number;
  /** Questions answered at all. */
  questionsAnswered: number;
  /** Questions whose first answer was the best one. */
  questionsRightFirstTime: number;
  /** Questions where the best option has been chosen, on any try. */
  questionsSettled: number;
  /** When the module was first completed; it stays complete if it grows later. */
  completedAt: Date | null;
}

export const NO_PROGRESS: StoredProgress = { sectionsRead: [], answers: [], completedAt: null };

/** Counts what a person has done of a module, counting only what the module still holds. */
export function summarizeProgress(outline: ModuleOutline, progress: StoredProgress): ProgressSummary {
  const sections = new Set(outline.sectionIds);
  const questions = new Set(outline.questions.map((q) => q.id));
  const answers = progress.answers.filter((a) => questions.has(a.questionId));
  return {
    sections: sections.size,
    sectionsRead: new Set(progress.sectionsRead.filter((id) => sections.has(id))).size,
    questions: questions.size,
    questionsAnswered: answers.length,
    questionsRightFirstTime: answers.filter((a) => a.firstCorrect).length,
    questionsSettled: answers.filter((a) => a.bestChosenAt !== null).length,
    completedAt: progress.completedAt,
  };
}

/**
 * Whether a person has now done everything the module asks: read every section and, for
 * every question, found the best option (on any try: the quiz is for learning, and the
 * explanations of the other options are part of it).
 */
export function meetsCompletion(outline: ModuleOutline, progress: StoredProgress): boolean {
  const summary = summarizeProgress(outline, progress);
  return summary.sectionsRead === summary.sections && summary.questionsSettled === summary.questions;
}

/** Whether an answer names a question of the module and one of its options. */
export function findAnswerable(outline: ModuleOutline, questionId: string, optionId: string): { best: string } | null {
  const question = outline.questions.find((q) => q.id === questionId);
  return question !== undefined && question.options.includes(optionId) ? { best: question.best } : null;
}

/**
 * Who may see the team's training progress: admins, who decide what a desk requires. The team
 * they see is the staff of the desks they administer (progress itself belongs to the person).
 */
export function canViewTeamTraining(actor: Actor): boolean {
  return adminDesksOf(actor).length > 0;
}
