import { readFileSync } from 'node:fs';
import type { TrainingProblem } from '../problems.js';
import { QuestionSchema } from '../schema.js';
import type { DraftBlock, DraftText } from './draft.js';
import { findTemplates, templateParams } from './wiki-templates.js';
import { stripTranslateMarkup, wikitextToMarkdown } from './wikitext.js';

/** A page whose first line is its title (slides, and a module's wiki_page): the title and the rest as Markdown. */
export function readTitledPage(wikitext: string): { title: string; markdown: string } {
  const lines = stripTranslateMarkup(wikitext).replace(/\r\n?/g, '\n').trim().split('\n');
  const title = (lines[0] ?? '').trim().replace(/^=+|=+$/g, '').trim();
  return { title, markdown: wikitextToMarkdown(lines.slice(1).join('\n')) };
}

const inline = (value: string): string => wikitextToMarkdown(value).replace(/\n+/g, ' ').trim();

/** Reads a slide page: its title, its text, and its {{Training module quiz}} as a question with the section's id. */
export function readSlidePage(file: string, id: string, problems: TrainingProblem[]): DraftText | null {
  const wikitext = stripTranslateMarkup(readFileSync(file, 'utf8'));
  const quiz = findTemplates(wikitext).find((t) => t.name === 'Training module quiz');
  const page = readTitledPage(quiz === undefined ? wikitext : wikitext.slice(0, quiz.start) + wikitext.slice(quiz.end));
  if (page.title === '') {
    problems.push({ file, line: 1, message: 'the first line of a slide is its title, and it is empty' });
    return null;
  }
  const blocks: DraftBlock[] = [{ kind: 'markdown', text: page.markdown }];
  if (quiz !== undefined) {
    const params = templateParams(quiz.source);
    const options = [1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => {
      const text = params.get(`answer_${n}`);
      return text === undefined ? [] : [{ id: String(n), text: inline(text), explanation: inline(params.get(`explanation_${n}`) ?? '') }];
    });
    const checked = QuestionSchema.safeParse({ id, question: inline(params.get('question') ?? ''), options, best: params.get('correct_answer_id') });
    if (checked.success) blocks.push({ kind: 'question', question: checked.data });
    else problems.push(...checked.error.issues.map((issue) => ({ file, line: null, message: `quiz ${issue.path.join('.') || ''}: ${issue.message}`.replace(' : ', ': ') })));
  }
  return { title: page.title, blocks };
}
