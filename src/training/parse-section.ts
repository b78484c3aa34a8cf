import { FrontMatterSchema } from './schema.js';
import { splitBody } from './markdown.js';
import { parseYaml, schemaProblems } from './yaml-source.js';
import { describeQuestionPath, parseQuestion, type ParsedQuestion } from './parse-question.js';
import type { TrainingProblem } from './problems.js';
import type { SectionBlock, SectionText } from './types.js';

export interface ParsedSection {
  text: SectionText | null;
  /** The line each question starts on, for problems found across files (duplicate ids, translations). */
  questionLines: Map<string, number>;
  problems: TrainingProblem[];
}

/** Splits `---` front matter from the body; null when the file does not start with it. */
function splitFrontMatter(text: string): { frontMatter: string; body: string; bodyLine: number } | null {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return null;
  const end = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (end === -1) return null;
  // bodyLine is the 1-based file line of the body's first line.
  return { frontMatter: lines.slice(1, end).join('\n'), body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

/**
 * Reads one section file: YAML front matter (title, optional questions) and a Markdown body
 * in which a ```quiz block holds one question where it should appear. Front matter questions
 * come after the body.
 */
export function parseSection(file: string, source: string, language: string): ParsedSection {
  const text = source.replace(/\r\n?/g, '\n');
  const problems: TrainingProblem[] = [];
  const questionLines = new Map<string, number>();
  const split = splitFrontMatter(text);
  if (split === null) {
    return { text: null, questionLines, problems: [{ file, line: 1, message: 'a section starts with front matter: a line ---, then title: …, then another line ---' }] };
  }
  const front = parseYaml(file, split.frontMatter, 1);
  problems.push(...front.problems);
  const meta = front.problems.length === 0 ? FrontMatterSchema.safeParse(front.value ?? {}) : null;
  if (meta !== null && !meta.success) {
    const raw = front.value;
    problems.push(...schemaProblems(front.source, meta.error, (path) => {
      if (path[0] !== 'questions' || typeof path[1] !== 'number') return '';
      const list = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).questions : undefined;
      return describeQuestionPath(Array.isArray(list) ? list[path[1]] : undefined, path.slice(2));
    }));
  }

  const blocks: SectionBlock[] = [];
  const keep = (parsed: ParsedQuestion | null): void => {
    if (parsed === null) return;
    blocks.push({ kind: 'question', question: parsed.question });
    if (questionLines.has(parsed.question.id)) {
      problems.push({ file, line: parsed.line, message: `question id "${parsed.question.id}" is used twice in this section` });
    }
    questionLines.set(parsed.question.id, parsed.line);
  };
  for (const part of splitBody(split.body)) {
    if (part.kind === 'markdown') {
      blocks.push({ kind: 'html', html: part.html });
      continue;
    }
    const lineOffset = split.bodyLine + part.firstLine - 1;
    if (part.nested) {
      problems.push({ file, line: lineOffset, message: 'a ```quiz block must stand on its own, not inside a list or a quote' });
      continue;
    }
    const quiz = parseYaml(file, part.yaml, lineOffset);
    problems.push(...quiz.problems);
    if (quiz.problems.length === 0) {
      const result = parseQuestion(quiz.source, quiz.value, []);
      problems.push(...result.problems);
      keep(result.parsed);
    }
  }
  if (meta?.success === true) {
    const raw = front.value as Record<string, unknown>;
    (Array.isArray(raw.questions) ? raw.questions : []).forEach((question: unknown, index) => {
      const result = parseQuestion(front.source, question, ['questions', index]);
      problems.push(...result.problems);
      keep(result.parsed);
    });
  }
  const title = meta?.success === true ? meta.data.title : null;
  return { text: title === null || problems.length > 0 ? null : { language, title, blocks }, questionLines, problems };
}
