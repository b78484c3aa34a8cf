import MarkdownIt from 'markdown-it';
import { parse } from 'yaml';
import { FrontMatterSchema, QuestionSchema } from '../schema.js';
import type { DraftBlock, DraftText } from './draft.js';

// Only used to find the lines of ```quiz fences in a section's source; nothing is rendered.
const md = new MarkdownIt({ html: false });

/** A checked section file as source: its title, and its Markdown and questions in order. */
export function splitSource(source: string): DraftText {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  const front = FrontMatterSchema.parse(parse(lines.slice(1, end).join('\n')));
  const body = lines.slice(end + 1);
  const blocks: DraftBlock[] = [];
  let from = 0;
  const markdown = (to: number): void => {
    const text = body.slice(from, to).join('\n').trim();
    if (text !== '') blocks.push({ kind: 'markdown', text });
  };
  for (const token of md.parse(body.join('\n'), {})) {
    if (token.type !== 'fence' || token.info.trim() !== 'quiz' || token.map === null) continue;
    markdown(token.map[0]);
    blocks.push({ kind: 'question', question: QuestionSchema.parse(parse(token.content)) });
    from = token.map[1];
  }
  markdown(body.length);
  for (const question of front.questions ?? []) blocks.push({ kind: 'question', question });
  return { title: front.title, blocks };
}
