import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModule } from '../load-catalog.js';
import { sectionQuestions, type TrainingModule } from '../types.js';
import { readModuleDraft, writeModuleDraft, type ModuleDraft } from './draft.js';
import { importDashboard } from './dashboard.js';
import { exportDashboard } from './dashboard-export.js';
import { exportWikiEdu, importWikiEdu } from './wikiedu.js';

const FIXTURES = fileURLToPath(new URL('../../../tests/fixtures/training', import.meta.url));
const CONTENT = fileURLToPath(new URL('../../../content/training', import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), 'haven-transfer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let count = 0;
/** Writes a draft as a Haven folder and loads it the way the server would. */
function asHaven(draft: ModuleDraft): TrainingModule {
  const dir = path.join(scratch, `m${(count += 1)}`, draft.id);
  writeModuleDraft(draft, dir);
  return loadModule(dir);
}

function writeAll(files: Map<string, string>): string {
  const dir = path.join(scratch, `x${(count += 1)}`);
  for (const [name, text] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function questionsOf(module: TrainingModule, language = module.language) {
  return module.sections.flatMap((s) => (s.texts.get(language) === undefined ? [] : sectionQuestions(s.texts.get(language)!)));
}

/** What both fixtures say, whichever shape they come in. */
function expectAnsweringReports(module: TrainingModule): void {
  expect(module.titles.get('en')).toBe('Answering reports');
  expect(module.summaries.get('en')).toBe('How a desk answers the people who write to it.');
  expect(module.estimatedMinutes).toBe(15);
  expect(module.sections.map((s) => s.id)).toEqual(['answer-first', 'answer-quiz', 'keep-in-touch']);
  expect(module.sections.map((s) => s.texts.get('en')?.title)).toEqual(['Answer first', 'Quiz', 'Keep in touch']);
  const first = module.sections[0]!.texts.get('en')!;
  const html = first.blocks.map((b) => (b.kind === 'html' ? b.html : '')).join('');
  expect(html).toContain('<strong>courage</strong>');
  expect(html).toContain('<a href="https://example.org/next">what happens next</a>');
  expect(html).toContain('<a href="https://upload.example.org/desk.png">Image: A desk that answers</a>');
  expect(html).not.toMatch(/&lt;(figure|img)/);
  const [question] = questionsOf(module);
  expect(question?.id).toBe('answer-quiz');
  expect(question?.options.map((o) => o.id)).toEqual(['1', '2', '3']);
  expect(question?.best).toBe('2');
  expect(question?.options[0]?.explanationHtml).toContain('A weekend of silence');
  const last = module.sections[2]!.texts.get('en')!.blocks.map((b) => (b.kind === 'html' ? b.html : '')).join('');
  expect(last).toMatch(/<a href="https:\/\/video\.example\.org\/embed\/keep">Video[^<]*<\/a>/);
}

describe('importing Wiki Education YAML', () => {
  it('reads the module, its slides, Markdown with raw HTML turned into links, and the assessment', () => {
    expectAnsweringReports(asHaven(importWikiEdu(path.join(FIXTURES, 'wikiedu'), 'answering-reports')));
  });

  it('refuses a module it cannot carry over, naming the file and the problem', () => {
    const dir = writeAll(new Map([
      ['modules/broken.yml', 'name: Broken\nestimated_ttc: a while\nslides:\n  - slug: gone\n  - slug: quiz\n'],
      ['slides/1-broken/101-quiz.yml', 'id: 101\ntitle: Quiz\ncontent: x\nassessment:\n  question: Which?\n  correct_answer_id: 3\n  answers:\n    - id: 1\n      text: One\n    - id: 2\n      text: Two\n      explanation: Because.\n'],
    ]));
    expect(() => importWikiEdu(dir, 'broken')).toThrowError(/estimated_ttc "a while" is not a length[\s\S]*slide "gone" has no file[\s\S]*101-quiz\.yml: assessment options\.0\.explanation: the explanation[^\n]*is empty[\s\S]*the best option "3" is not one of the options/);
  });
});

describe('importing the dashboard\'s Meta-Wiki pages', () => {
  it('reads the JSON module, its wiki page, the slides\' wikitext and quiz, and complete translations', () => {
    const { draft, notes } = importDashboard(path.join(FIXTURES, 'dashboard'), 'answering-reports');
    const module = asHaven(draft);
    expectAnsweringReports(module);
    expect(module.titles.get('es')).toBe('Responder a los avisos');
    expect(module.sections[1]!.texts.get('es')?.title).toBe('Cuestionario');
    expect(questionsOf(module, 'es')[0]?.best).toBe('2');
    const first = module.sections[0]!.texts.get('en')!.blocks.map((b) => (b.kind === 'html' ? b.html : '')).join('');
    expect(first).toContain('<a href="https://meta.wikimedia.org/wiki/Help:Contents">help pages</a>');
    expect(first).not.toMatch(/translate|T:\d/);
    // An unfinished translation without the quiz is left out, and the importer says so.
    expect(module.sections[1]!.texts.has('fr')).toBe(false);
    expect(notes.join('\n')).toMatch(/fr\.wikitext: left out/);
  });
});

describe('exporting', () => {
  it.each([
    ['the test module', path.join(FIXTURES, 'catalog', 'replying-well')],
    ['the first shipped module', path.join(CONTENT, 'handling-harassment-reports')],
  ])('turns %s into both shapes, and each imports back to the same questions', (_what, dir) => {
    const original = loadModule(dir);
    const draft = readModuleDraft(dir);
    const wikiedu = asHaven(importWikiEdu(writeAll(exportWikiEdu(draft, 77)), draft.id));
    const dashboard = asHaven(importDashboard(writeAll(exportDashboard(draft, 10077)), draft.id).draft);
    for (const copy of [wikiedu, dashboard]) {
      expect(copy.titles.get('en')).toBe(original.titles.get('en'));
      expect(copy.estimatedMinutes).toBe(original.estimatedMinutes);
      const before = questionsOf(original);
      const after = questionsOf(copy);
      expect(after.map((q) => q.options.length)).toEqual(before.map((q) => q.options.length));
      // Options are numbered in both shapes; the best one keeps its place.
      expect(after.map((q) => q.options.findIndex((o) => o.id === q.best))).toEqual(before.map((q) => q.options.findIndex((o) => o.id === q.best)));
      expect(after.map((q) => q.options[0]?.explanationHtml.replace(/\s+/g, ' '))).toEqual(before.map((q) => q.options[0]?.explanationHtml.replace(/\s+/g, ' ')));
    }
    // Translations travel with the dashboard's pages.
    for (const language of original.sections.flatMap((s) => [...s.texts.keys()]).filter((l) => l !== original.language)) {
      expect(dashboard.sections.some((s) => s.texts.has(language))).toBe(true);
    }
  });

  it('writes the dashboard\'s pages under their Meta-Wiki titles, marked for translation', () => {
    const files = exportDashboard(readModuleDraft(path.join(FIXTURES, 'catalog', 'replying-well')), 10077);
    const json = JSON.parse(files.get('Training modules/dashboard/modules/replying-well.json') ?? '{}') as { slides: { slug: string }[]; estimated_ttc: string };
    expect(json.estimated_ttc).toBe('5 minutes');
    expect(json.slides.map((s) => s.slug)).toEqual(['replying-well-why', 'replying-well-first-reply', 'replying-well-first-reply-2']);
    const quiz = files.get('Training modules/dashboard/slides/1007702-replying-well-first-reply.wikitext') ?? '';
    expect(quiz).toMatch(/^<noinclude><languages\/><\/noinclude>\n<translate>== The first reply ==/);
    expect(quiz).toContain('| correct_answer_id = 2');
    expect(files.has('Training modules/dashboard/slides/1007702-replying-well-first-reply/ar.wikitext')).toBe(true);
  });
});
