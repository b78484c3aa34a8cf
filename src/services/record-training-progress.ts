import { findAnswerable, meetsCompletion, NO_PROGRESS, summarizeProgress, type ModuleOutline, type ProgressSummary, type StoredProgress } from '../domain/training-progress.js';
import { insertSectionRead, listTrainingProgress, markModuleCompleted, upsertAnswer } from '../db/repositories/training-progress.js';
import type { HavenDb } from '../db/connection.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

export type TrainingStep = { kind: 'read'; sectionId: string } | { kind: 'answer'; questionId: string; optionId: string };

export interface RecordedStep {
  /** For an answer: whether it was the best option. */
  correct: boolean | null;
  /** True when this step completed the module. */
  completedNow: boolean;
  stored: StoredProgress;
  summary: ProgressSummary;
}

async function progressOf(db: HavenDb, staffId: string, moduleId: string) {
  return (await listTrainingProgress(db, staffId)).find((p) => p.moduleId === moduleId) ?? NO_PROGRESS;
}

/**
 * Records a signed-in staff member's step through a module (a section opened, or an answer)
 * and, when that step finishes everything the module asks, its completion, in one
 * transaction. Readers who are not signed in are never recorded: callers do not call this.
 */
export async function recordTrainingStep(ctx: ServiceContext, staffId: string, outline: ModuleOutline, step: TrainingStep): Promise<RecordedStep> {
  const where = { staffId, moduleId: outline.moduleId, at: ctx.now() };
  let correct: boolean | null = null;
  if (step.kind === 'read' && !outline.sectionIds.includes(step.sectionId)) throw new AppError('not_found', 'No such section.');
  if (step.kind === 'answer') {
    const question = findAnswerable(outline, step.questionId, step.optionId);
    if (question === null) throw new AppError('bad_request', 'No such question or option.');
    correct = question.best === step.optionId;
  }
  return ctx.db.transaction().execute(async (trx) => {
    if (step.kind === 'read') await insertSectionRead(trx, { ...where, sectionId: step.sectionId });
    else await upsertAnswer(trx, { ...where, questionId: step.questionId, optionId: step.optionId, correct: correct === true });
    const stored = await progressOf(trx, staffId, outline.moduleId);
    const completedNow = stored.completedAt === null && meetsCompletion(outline, stored) && (await markModuleCompleted(trx, where));
    const now = completedNow ? { ...stored, completedAt: where.at } : stored;
    return { correct, completedNow, stored: now, summary: summarizeProgress(outline, now) };
  });
}

