import { parseArgs } from 'node:util';
import { formatProblem, TrainingContentError } from '../training/problems.js';
import { isTrainingFormat } from '../domain/training-formats.js';
import { runTrainingCheck, runTrainingExport, runTrainingImport } from './training-commands.js';


/** Runs `haven training <subcommand>`; null when the arguments are not understood. */
export function runTraining(args: string[]): number | null {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, strict: true, allowPositionals: true, options: { into: { type: 'string' }, id: { type: 'string' } } });
  try {
    if (sub === 'check' && positionals.length > 0) return runTrainingCheck(positionals);
    const [format, from, to] = positionals;
    if (positionals.length !== 3 || !isTrainingFormat(format) || from === undefined || to === undefined) return null;
    if (sub === 'import') return runTrainingImport(format, from, to, values.into ?? 'content/training');
    const moduleNumber = Number(values.id);
    if (sub === 'export' && Number.isInteger(moduleNumber) && moduleNumber > 0) return runTrainingExport(format, from, to, moduleNumber);
  } catch (error) {
    if (error instanceof TrainingContentError) {
      for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
      return 1;
    }
    // Files that are missing or in the way: the message says it all, a stack would not help.
    if (error instanceof Error && sub !== 'check') {
      process.stderr.write(`haven: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  return null;
}
