import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseModule, type ModuleFile } from './parse-module.js';
import { TrainingContentError, type TrainingProblem } from './problems.js';
import type { TrainingModule } from './types.js';

function moduleFiles(dir: string): ModuleFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => ({ name: entry.name, text: readFileSync(path.join(dir, entry.name), 'utf8') }));
}

/** Loads one module folder; throws TrainingContentError naming every problem. */
export function loadModule(dir: string): TrainingModule {
  const id = path.basename(path.resolve(dir));
  // Problems name files by the folder as given, so a person can open them from where they are.
  const { module, problems } = parseModule(id, moduleFiles(dir), `${path.join(dir, '.')}${path.sep}`);
  if (module === null) throw new TrainingContentError(problems);
  return module;
}

/** Whether a folder is one module (it has a module.yaml) rather than a folder of modules. */
export function isModuleFolder(dir: string): boolean {
  return existsSync(path.join(dir, 'module.yaml'));
}

export interface TrainingCatalog {
  /** The modules that loaded, in their order. */
  modules: TrainingModule[];
  /** What kept the others out. */
  problems: TrainingProblem[];
}

/**
 * Loads every module under `root` (one folder each). A broken module is left out and its
 * problems returned rather than thrown: one typo must not keep the others, or the whole
 * desk, from starting. `haven training check` is where authors see them.
 */
export function loadCatalog(root: string): TrainingCatalog {
  if (!existsSync(root)) return { modules: [], problems: [] };
  const modules: TrainingModule[] = [];
  const problems: TrainingProblem[] = [];
  const dirs = isModuleFolder(root) ? [root] : readdirSync(root).filter((name) => !name.startsWith('.')).map((name) => path.join(root, name)).filter((dir) => statSync(dir).isDirectory());
  for (const dir of dirs.sort()) {
    try {
      modules.push(loadModule(dir));
    } catch (error) {
      if (!(error instanceof TrainingContentError)) throw error;
      problems.push(...error.problems);
    }
  }
  modules.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { modules, problems };
}

/** A catalog's module by id. */
export function findModule(catalog: TrainingCatalog, id: string): TrainingModule | undefined {
  return catalog.modules.find((m) => m.id === id);
}
