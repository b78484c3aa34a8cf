import { QuestionSchema } from './schema.js';
import { renderInlineMarkdown, renderMarkdown } from './markdown.js';
import { lineAt, schemaProblems, type YamlSource } from './yaml-source.js';
import type { TrainingProblem } from './problems.js';
import type { QuizQuestion } from './types.js';

type PathKey = string | number;

function idAt(list: unknown, index: PathKey): string | null {
  if (!Array.isArray(list) || typeof index !== 'number') return null;
  const item: unknown = list[index];
  const id = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/** Names a place inside a question the way its author thinks of it: `question "x", option "c"`. */
export function describeQuestionPath(question: unknown, path: readonly PathKey[]): string {
  const record = typeof question === 'object' && question !== null ? (question as Record<string, unknown>) : {};
  const qid = typeof record.id === 'string' ? `question "${record.id}"` : 'question';
  const [first, second] = path;
  if (first === 'options' && second !== undefined) {
    const oid = idAt(record.options, second);
    return `${qid}, option ${oid === null ? `#${Number(second) + 1}` : `"${oid}"`}`;
  }
  return qid;
}

export interface ParsedQuestion { question: QuizQuestion; line: number }

/** Validates one question (from front matter or a ```quiz block) at `path` of `source`, and renders it. */
export function parseQuestion(source: YamlSource, raw: unknown, path: readonly PathKey[]): { parsed: ParsedQuestion | null; problems: TrainingProblem[] } {
  const result = QuestionSchema.safeParse(raw);
  if (!result.success) {
    return { parsed: null, problems: schemaProblems(source, result.error, (issuePath) => describeQuestionPath(raw, issuePath), path) };
  }
  const q = result.data;
  const question: QuizQuestion = {
    id: q.id,
    situationHtml: q.situation === undefined ? null : renderMarkdown(q.situation),
    questionHtml: renderInlineMarkdown(q.question),
    options: q.options.map((o) => ({ id: o.id, textHtml: renderInlineMarkdown(o.text), explanationHtml: renderMarkdown(o.explanation) })),
    best: q.best,
    discussion: q.discussion ?? null,
  };
  return { parsed: { question, line: lineAt(source, path) }, problems: [] };
}
