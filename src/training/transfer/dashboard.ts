import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { TrainingContentError, type TrainingProblem } from '../problems.js';
import { LANGUAGE_PATTERN } from '../schema.js';
import type { DraftSection, ModuleDraft } from './draft.js';
import { minutesFromWords } from './estimated-time.js';
import { readSlidePage, readTitledPage } from './dashboard-slide.js';
import { sectionIdFrom } from './slides.js';

// The Programs & Events Dashboard's trainings on Meta-Wiki, as a folder of exported pages:
// each page is a file named by its title, with "/" as folders. A module is the JSON page
// "Training modules/dashboard/modules/<slug>.json"; each slide is a wikitext page
// "Training modules/dashboard/slides/<id>-<slug>", and its translations are the pages below
// it ("…/<id>-<slug>/de"). Files may end in .wikitext, .wiki or .txt, and spaces in titles
// may be underscores.

const JsonModule = z.object({
  id: z.number().int().optional(), slug: z.string().optional(), name: z.string().optional(), description: z.string().optional(),
  estimated_ttc: z.string().optional(), wiki_page: z.string().optional(), slides: z.array(z.object({ slug: z.string() })).min(1),
});

const EXTENSIONS = ['', '.wikitext', '.wiki', '.txt'];

/** The file holding a page, trying spaces and underscores and the usual extensions. */
export function pageFile(source: string, title: string): string | null {
  for (const name of [title, title.replace(/ /g, '_'), title.replace(/_/g, ' ')]) {
    for (const extension of EXTENSIONS) {
      const file = path.join(source, name + extension);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
  }
  return null;
}

function folder(source: string, title: string): string | null {
  for (const name of [title, title.replace(/ /g, '_')]) {
    const dir = path.join(source, name);
    if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  }
  return null;
}

/** Pages below a page, by language code: its translations. */
function translations(dir: string | null): Map<string, string> {
  if (dir === null || !existsSync(dir) || !statSync(dir).isDirectory()) return new Map();
  return new Map(readdirSync(dir).flatMap((name) => {
    const language = name.replace(/\.(wikitext|wiki|txt)$/, '').toLowerCase();
    const file = path.join(dir, name);
    return LANGUAGE_PATTERN.test(language) && statSync(file).isFile() ? [[language, file] as const] : [];
  }));
}

/** Reads one module from a folder of exported Meta-Wiki pages; `notes` says what was left out. */
export function importDashboard(source: string, slug: string): { draft: ModuleDraft; notes: string[] } {
  const moduleTitle = `Training modules/dashboard/modules/${slug}.json`;
  const moduleFile = pageFile(source, moduleTitle);
  if (moduleFile === null) throw new TrainingContentError([{ file: path.join(source, moduleTitle), line: null, message: 'no such page' }]);
  const parsed = JsonModule.safeParse(JSON.parse(readFileSync(moduleFile, 'utf8')));
  if (!parsed.success) throw new TrainingContentError(parsed.error.issues.map((i) => ({ file: moduleFile, line: null, message: `${i.path.join('.') || 'page'}: ${i.message}` })));
  const json = parsed.data;
  const problems: TrainingProblem[] = [];
  const notes: string[] = [];

  const titles = new Map<string, string>();
  const summaries = new Map<string, string>();
  const wikiPage = json.wiki_page === undefined ? null : pageFile(source, json.wiki_page);
  if (json.wiki_page !== undefined && wikiPage === null) problems.push({ file: moduleFile, line: null, message: `wiki_page "${json.wiki_page}" is not in the folder` });
  if (wikiPage !== null && json.wiki_page !== undefined) {
    const pages = new Map([['en', wikiPage], ...translations(folder(source, json.wiki_page))]);
    for (const [language, file] of pages) {
      const page = readTitledPage(readFileSync(file, 'utf8'));
      titles.set(language, page.title);
      summaries.set(language, page.markdown || page.title);
    }
  } else if (json.name !== undefined) {
    titles.set('en', json.name.trim());
    summaries.set('en', (json.description ?? json.name).trim());
  } else {
    problems.push({ file: moduleFile, line: null, message: 'the module has neither a name nor a wiki_page to take it from' });
  }
  const minutes = minutesFromWords(json.estimated_ttc ?? '');
  if (minutes === null) problems.push({ file: moduleFile, line: null, message: `estimated_ttc ${JSON.stringify(json.estimated_ttc ?? null)} is not a length such as "15 minutes"` });

  const slidesDir = folder(source, 'Training modules/dashboard/slides');
  const slideFiles = new Map((slidesDir === null ? [] : readdirSync(slidesDir)).flatMap((name) => {
    const file = path.join(slidesDir ?? '', name);
    return statSync(file).isFile() ? [[name.replace(/\.(wikitext|wiki|txt)$/, '').replace(/^\d+-/, ''), file] as const] : [];
  }));
  const sections: DraftSection[] = json.slides.flatMap(({ slug: slideSlug }) => {
    const file = slideFiles.get(slideSlug);
    if (file === undefined) {
      problems.push({ file: moduleFile, line: null, message: `slide "${slideSlug}" has no page under Training modules/dashboard/slides/` });
      return [];
    }
    const id = sectionIdFrom(slideSlug);
    const original = readSlidePage(file, id, problems);
    if (original === null) return [];
    const texts = new Map([['en', original]]);
    for (const [language, translated] of translations(path.join(path.dirname(file), path.basename(file).replace(/\.(wikitext|wiki|txt)$/, '')))) {
      const text = readSlidePage(translated, id, []);
      const same = (t: typeof original) => JSON.stringify(t.blocks.flatMap((b) => (b.kind === 'question' ? [[b.question.best, b.question.options.map((o) => o.id)]] : [])));
      if (text !== null && same(text) === same(original)) texts.set(language, text);
      else notes.push(`${translated}: left out, its quiz does not match the original slide's (an unfinished translation?)`);
    }
    return [{ id, texts }];
  });
  if (problems.length > 0) throw new TrainingContentError(problems);
  for (const language of titles.keys()) if (!sections.some((s) => s.texts.has(language)) && language !== 'en') notes.push(`the module's title is translated to ${language}, but no slide is`);
  return { draft: { id: sectionIdFrom(json.slug ?? slug), language: 'en', titles, summaries, estimatedMinutes: minutes ?? 1, sections }, notes };
}
