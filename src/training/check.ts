import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isModuleFolder, loadCatalog } from './load-catalog.js';
import type { TrainingProblem } from './problems.js';

export interface CheckResult { modules: string[]; problems: TrainingProblem[] }

/**
 * Checks a module folder, or a folder of module folders, exactly as the server would load
 * it, without starting anything. A folder holding no module at all is a problem too: a
 * mistyped path must not pass.
 */
export function checkTrainingFolder(dir: string): CheckResult {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { modules: [], problems: [{ file: dir, line: null, message: 'no such folder' }] };
  const catalog = loadCatalog(dir);
  const found = isModuleFolder(dir) || readdirSync(dir).some((name) => isModuleFolder(path.join(dir, name)));
  const problems = catalog.modules.length === 0 && catalog.problems.length === 0 && !found
    ? [{ file: dir, line: null, message: 'no module here: a module is a folder with a module.yaml' }]
    : catalog.problems;
  return { modules: catalog.modules.map((m) => m.id), problems };
}
