import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { TrainingProblem } from './problems.js';

/** A YAML text parsed with its positions, so a problem found later can name its line. */
export interface YamlSource {
  file: string;
  /** The file line of the YAML text's first line, minus one (front matter starts on line 2). */
  lineOffset: number;
  doc: Document;
  lines: LineCounter;
}

/** Parses YAML; syntax errors become problems on their line. */
export function parseYaml(file: string, text: string, lineOffset: number): { source: YamlSource; value: unknown; problems: TrainingProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const source = { file, lineOffset, doc, lines };
  const problems = doc.errors.map((error) => ({
    file,
    line: error.linePos === undefined ? null : error.linePos[0].line + lineOffset,
    // The pretty message repeats the line with a caret; the first line says what is wrong.
    message: `YAML: ${(error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  return { source, value: problems.length > 0 ? null : doc.toJS(), problems };
}

type PathKey = string | number;

/** The line of the deepest node that exists along `path`, or the document's first line. */
export function lineAt(source: YamlSource, path: readonly PathKey[]): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = source.doc.getIn(path.slice(0, depth), true);
    const range = typeof node === 'object' && node !== null && 'range' in node ? (node as { range?: [number, number, number] }).range : undefined;
    if (range !== undefined) return source.lines.linePos(range[0]).line + source.lineOffset;
  }
  return 1 + source.lineOffset;
}

/** Turns zod's issues into problems on the lines they point at, in words a module's author can act on. */
export function schemaProblems(
  source: YamlSource,
  error: z.ZodError,
  describe: (path: readonly PathKey[]) => string,
  /** Where the validated value sits in the document, when it is not the whole document. */
  basePath: readonly PathKey[] = [],
): TrainingProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((key): key is PathKey => typeof key !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const at = keys.length > 0 ? [...path, keys[0] ?? ''] : path;
    const where = describe(path);
    const message = issue.code === 'unrecognized_keys' ? `unknown field ${keys.map((k) => `"${k}"`).join(', ')} (a typo?)` : issue.message;
    return { file: source.file, line: lineAt(source, [...basePath, ...at]), message: where === '' ? message : `${where}: ${message}` };
  });
}
