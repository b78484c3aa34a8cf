import { parseArgs } from 'node:util';
import { checkTrainingFolder } from '../training/check.js';
import { formatProblem } from '../training/problems.js';

export const TRAINING_USAGE = `  training check DIR...     check training modules (a module folder, or a folder of them)
                            without starting anything; exit 1 when any is broken
`;

function print(out: NodeJS.WritableStream, text: string): void {
  out.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** `haven training check DIR...`. Needs no configuration and touches no database. */
export function runTrainingCheck(dirs: string[]): number {
  let broken = 0;
  for (const dir of dirs) {
    const result = checkTrainingFolder(dir);
    for (const problem of result.problems) print(process.stderr, formatProblem(problem));
    broken += result.problems.length;
    if (result.modules.length > 0) print(process.stdout, `${dir}: ${result.modules.length} module${result.modules.length === 1 ? '' : 's'} ready (${result.modules.join(', ')})`);
  }
  if (broken > 0) print(process.stderr, `${broken} problem${broken === 1 ? '' : 's'} found.`);
  return broken > 0 ? 1 : 0;
}

/** Runs `haven training <subcommand>`; null when the arguments are not understood. */
export function runTraining(args: string[]): number | null {
  const [sub, ...rest] = args;
  if (sub === 'check') {
    const { positionals } = parseArgs({ args: rest, strict: true, allowPositionals: true, options: {} });
    return positionals.length === 0 ? null : runTrainingCheck(positionals);
  }
  return null;
}
