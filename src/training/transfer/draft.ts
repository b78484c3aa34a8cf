import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { ManifestSchema, QuestionSchema, type QuestionInput } from '../schema.js';
import { loadModule } from '../load-catalog.js';
import { splitSource } from './section-source.js';

// A module as plain source text, between Haven's folders and other formats: what an
// importer produces and an exporter consumes. Markdown stays Markdown here.

export type DraftQuestion = QuestionInput;

export type DraftBlock = { kind: 'markdown'; text: string } | { kind: 'question'; question: DraftQuestion };

export interface DraftText { title: string; blocks: DraftBlock[] }

export interface DraftSection {
  id: string;
  /** The section in each language; the module's own language is always there. */
  texts: Map<string, DraftText>;
}

export interface ModuleDraft {
  id: string;
  language: string;
  titles: Map<string, string>;
  summaries: Map<string, string>;
  estimatedMinutes: number;
  sections: DraftSection[];
}

/** Reads a module folder as source; the folder must pass the checks first. */
export function readModuleDraft(dir: string): ModuleDraft {
  const loaded = loadModule(dir);
  const manifest = ManifestSchema.parse(parse(readFileSync(path.join(dir, 'module.yaml'), 'utf8')));
  const sections = loaded.sections.map((section) => {
    const texts = new Map<string, DraftText>();
    for (const language of section.texts.keys()) {
      const file = language === loaded.language ? `${section.id}.md` : `${section.id}.${language}.md`;
      texts.set(language, splitSource(readFileSync(path.join(dir, file), 'utf8')));
    }
    return { id: section.id, texts };
  });
  return { id: loaded.id, language: loaded.language, titles: new Map(loaded.titles), summaries: new Map(loaded.summaries), estimatedMinutes: manifest.estimatedMinutes, sections };
}

/** A question as a ```quiz block, fenced longer than any run of backticks inside it. */
function quizBlock(question: DraftQuestion): string {
  const yaml = stringify(QuestionSchema.parse(question), { lineWidth: 0 });
  const longest = Math.max(2, ...[...yaml.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}quiz\n${yaml}${fence}`;
}

function sectionFile(text: DraftText): string {
  const body = text.blocks.map((b) => (b.kind === 'markdown' ? b.text.trim() : quizBlock(b.question))).filter((t) => t !== '').join('\n\n');
  return `---\n${stringify({ title: text.title }, { lineWidth: 0 })}---\n${body}\n`;
}

/** The files of a Haven module folder for a draft: module.yaml, its translations, one Markdown file per section and language. */
export function moduleFiles(draft: ModuleDraft): Map<string, string> {
  const files = new Map<string, string>();
  const own = draft.language;
  files.set('module.yaml', stringify({
    title: draft.titles.get(own), summary: draft.summaries.get(own), estimatedMinutes: draft.estimatedMinutes,
    ...(own === 'en' ? {} : { language: own }), sections: draft.sections.map((s) => s.id),
  }, { lineWidth: 0 }));
  for (const [language, title] of draft.titles) {
    if (language !== own) files.set(`module.${language}.yaml`, stringify({ title, summary: draft.summaries.get(language) ?? draft.summaries.get(own) }, { lineWidth: 0 }));
  }
  for (const section of draft.sections) {
    for (const [language, text] of section.texts) files.set(language === own ? `${section.id}.md` : `${section.id}.${language}.md`, sectionFile(text));
  }
  return files;
}

/** Writes a draft as a new module folder; refuses to write into a folder that has files. */
export function writeModuleDraft(draft: ModuleDraft, dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} already exists and is not empty; choose another place or remove it first`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of moduleFiles(draft)) writeFileSync(path.join(dir, name), text);
}
