import { NO_PROGRESS, summarizeProgress, type ModuleOutline, type ProgressSummary } from '../domain/training-progress.js';
import { listTrainingProgress } from '../db/repositories/training-progress.js';
import type { ServiceContext } from './context.js';

/** A staff member's progress in each of the given modules (modules never opened included). */
export async function viewOwnTrainingProgress(ctx: ServiceContext, staffId: string, outlines: readonly ModuleOutline[]): Promise<Map<string, ProgressSummary>> {
  const stored = await listTrainingProgress(ctx.db, staffId);
  return new Map(outlines.map((outline) => [outline.moduleId, summarizeProgress(outline, stored.find((p) => p.moduleId === outline.moduleId) ?? NO_PROGRESS)]));
}
