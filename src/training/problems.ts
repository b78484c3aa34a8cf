/** One thing wrong with a training module: the file, the line when it can be told, and what is wrong. */
export interface TrainingProblem {
  /** Path of the file, relative to the folder being checked. */
  file: string;
  line: number | null;
  message: string;
}

/** Formats a problem the way compilers do, so editors can jump to it: `file:line: message`. */
export function formatProblem(problem: TrainingProblem): string {
  return `${problem.file}${problem.line === null ? '' : `:${problem.line}`}: ${problem.message}`;
}

/** Thrown when a module cannot be used; it carries every problem found, not only the first. */
export class TrainingContentError extends Error {
  constructor(readonly problems: readonly TrainingProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'TrainingContentError';
  }
}
