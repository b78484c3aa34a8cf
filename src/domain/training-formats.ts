/**
 * The training formats of the wider movement that Haven imports and exports: Wiki Education's
 * YAML, and the Programs & Events Dashboard's pages on Meta-Wiki. See docs/TRAINING.md.
 */
export const TRAINING_FORMATS = ['wikiedu', 'dashboard'] as const;

export type TrainingFormat = (typeof TRAINING_FORMATS)[number];

/** Narrows an untrusted string (a command-line argument) to a TrainingFormat. */
export function isTrainingFormat(value: string | undefined): value is TrainingFormat {
  return (TRAINING_FORMATS as readonly (string | undefined)[]).includes(value);
}
