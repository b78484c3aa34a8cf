import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importDashboard } from '../training/transfer/dashboard.js';
import { exportDashboard } from '../training/transfer/dashboard-export.js';
import { readModuleDraft, writeModuleDraft, type ModuleDraft } from '../training/transfer/draft.js';
import { exportWikiEdu, importWikiEdu } from '../training/transfer/wikiedu.js';
import { checkTrainingFolder } from '../training/check.js';
import { formatProblem } from '../training/problems.js';
import type { TrainingFormat } from '../domain/training-formats.js';

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

/** `haven training import FORMAT SOURCE MODULE [--into DIR]`: writes a Haven module folder, then checks it. */
export function runTrainingImport(format: TrainingFormat, source: string, slug: string, into: string): number {
  let draft: ModuleDraft;
  if (format === 'wikiedu') {
    draft = importWikiEdu(source, slug);
  } else {
    const imported = importDashboard(source, slug);
    for (const note of imported.notes) process.stderr.write(`note: ${note}\n`);
    draft = imported.draft;
  }
  const dir = path.join(into, draft.id);
  writeModuleDraft(draft, dir);
  process.stdout.write(`Imported ${draft.sections.length} slides of "${draft.titles.get(draft.language) ?? slug}" into ${dir}\n`);
  return runTrainingCheck([dir]);
}

/** `haven training export FORMAT MODULE_DIR OUT --id N`: writes the module's files in the other format under OUT. */
export function runTrainingExport(format: TrainingFormat, moduleDir: string, out: string, moduleNumber: number): number {
  if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`${out} already exists and is not empty; choose another place or remove it first`);
  const draft = readModuleDraft(moduleDir);
  const files = format === 'wikiedu' ? exportWikiEdu(draft, moduleNumber) : exportDashboard(draft, moduleNumber);
  for (const [name, text] of files) {
    mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    writeFileSync(path.join(out, name), text);
  }
  process.stdout.write(`Wrote ${files.size} files for "${draft.titles.get(draft.language) ?? draft.id}" to ${out}\n`);
  return 0;
}
