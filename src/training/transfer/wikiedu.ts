import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { TrainingContentError, type TrainingProblem } from '../problems.js';
import { QuestionSchema } from '../schema.js';
import type { DraftBlock, DraftQuestion, ModuleDraft } from './draft.js';
import { minutesFromWords, wordsFromMinutes } from './estimated-time.js';
import { htmlToMarkdown } from './html-in-markdown.js';
import { questionSlides, sectionIdFrom } from './slides.js';

// Wiki Education's training YAML (WikiEduDashboard's training_content/): a module file
// (modules/<slug>.yml) lists slide slugs; each slide is slides/<folder>/<id>-<slug>.yml with
// Markdown content and an optional assessment.

const Id = z.union([z.number().int(), z.string()]).transform(String);
const WikiEduModule = z.object({
  name: z.string(), id: z.number().int().optional(), description: z.string().default(''),
  estimated_ttc: z.string().optional(), slides: z.array(z.object({ slug: z.string() })).min(1),
});
const WikiEduSlide = z.object({
  id: z.number().int().optional(), title: z.string(), content: z.string().nullable().default(''),
  assessment: z.object({
    question: z.string(), correct_answer_id: Id,
    answers: z.array(z.object({ id: Id, text: z.string(), explanation: z.string().optional() })),
  }).nullable().optional(),
});

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? yamlFiles(full) : name.endsWith('.yml') || name.endsWith('.yaml') ? [full] : [];
  });
}

function issues(file: string, error: z.ZodError): TrainingProblem[] {
  return error.issues.map((issue) => ({ file, line: null, message: `${issue.path.join('.') || 'file'}: ${issue.message}` }));
}

/** Reads one module of a Wiki Education training_content folder (it holds modules/ and slides/). */
export function importWikiEdu(source: string, slug: string): ModuleDraft {
  const moduleFile = yamlFiles(path.join(source, 'modules')).find((f) => path.basename(f).replace(/\.ya?ml$/, '') === slug);
  if (moduleFile === undefined) throw new TrainingContentError([{ file: path.join(source, 'modules', `${slug}.yml`), line: null, message: 'no such module file' }]);
  const parsed = WikiEduModule.safeParse(parse(readFileSync(moduleFile, 'utf8')));
  if (!parsed.success) throw new TrainingContentError(issues(moduleFile, parsed.error));
  const manifest = parsed.data;
  const problems: TrainingProblem[] = [];
  const minutes = minutesFromWords(manifest.estimated_ttc ?? '');
  if (minutes === null) problems.push({ file: moduleFile, line: null, message: `estimated_ttc ${JSON.stringify(manifest.estimated_ttc ?? null)} is not a length such as "15 minutes"` });
  const slideFiles = new Map(yamlFiles(path.join(source, 'slides')).map((f) => [path.basename(f).replace(/\.ya?ml$/, '').replace(/^\d+-/, ''), f]));

  const sections = manifest.slides.flatMap(({ slug: slideSlug }) => {
    const file = slideFiles.get(slideSlug);
    if (file === undefined) {
      problems.push({ file: moduleFile, line: null, message: `slide "${slideSlug}" has no file under slides/` });
      return [];
    }
    const slide = WikiEduSlide.safeParse(parse(readFileSync(file, 'utf8')));
    if (!slide.success) {
      problems.push(...issues(file, slide.error));
      return [];
    }
    const id = sectionIdFrom(slideSlug);
    const blocks: DraftBlock[] = [{ kind: 'markdown', text: htmlToMarkdown(slide.data.content ?? '').trim() }];
    const assessment = slide.data.assessment;
    if (assessment !== null && assessment !== undefined) {
      const question = {
        id, question: htmlToMarkdown(assessment.question).trim(), best: assessment.correct_answer_id,
        options: assessment.answers.map((a) => ({ id: a.id, text: htmlToMarkdown(a.text).trim(), explanation: htmlToMarkdown(a.explanation ?? '').trim() })),
      };
      const checked = QuestionSchema.safeParse(question);
      if (checked.success) blocks.push({ kind: 'question', question: checked.data });
      else problems.push(...checked.error.issues.map((issue) => ({ file, line: null, message: `assessment ${issue.path.join('.')}: ${issue.message}` })));
    }
    return [{ id, texts: new Map([['en', { title: slide.data.title.trim(), blocks }]]) }];
  });
  if (problems.length > 0) throw new TrainingContentError(problems);
  return {
    id: sectionIdFrom(slug), language: 'en', titles: new Map([['en', manifest.name.trim()]]), summaries: new Map([['en', manifest.description.trim() || manifest.name.trim()]]),
    estimatedMinutes: minutes ?? 1, sections,
  };
}

function assessment(question: DraftQuestion) {
  // Wiki Education numbers answers and has one question text: the situation leads into it.
  const number = new Map(question.options.map((o, i) => [o.id, i + 1]));
  return {
    question: [question.situation, question.question].filter((t) => t !== undefined).join('\n\n'),
    correct_answer_id: number.get(question.best) ?? 1,
    answers: question.options.map((o) => ({ id: number.get(o.id) ?? 0, text: o.text, explanation: o.explanation })),
  };
}

/** A module as Wiki Education's files: modules/<id>.yml and slides/<n>-<id>/<slide id>-<slug>.yml. */
export function exportWikiEdu(draft: ModuleDraft, moduleNumber: number): Map<string, string> {
  const files = new Map<string, string>();
  const slides = questionSlides(draft, moduleNumber);
  files.set(`modules/${draft.id}.yml`, stringify({
    name: draft.titles.get(draft.language), id: moduleNumber, description: draft.summaries.get(draft.language),
    estimated_ttc: wordsFromMinutes(draft.estimatedMinutes), slides: slides.map((s) => ({ slug: s.slug })),
  }, { lineWidth: 0 }));
  for (const slide of slides) {
    files.set(`slides/${moduleNumber}-${draft.id}/${slide.id}-${slide.slug}.yml`, stringify({
      id: slide.id, title: slide.title, content: slide.markdown,
      ...(slide.question === null ? {} : { assessment: assessment(slide.question) }),
    }, { lineWidth: 0 }));
  }
  return files;
}
