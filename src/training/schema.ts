import { z } from 'zod';

// What the files of a module may say. The messages are written for the person editing the
// files: `haven training check` prints them next to the file and line.

/** Module, section and question ids: they appear in addresses and in stored progress. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** A language tag as file names carry it (`intro.de.md`, `intro.pt-br.md`). */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;

const Id = z.string({ error: 'must be an id (lower-case letters, digits and hyphens)' })
  .regex(ID_PATTERN, 'must be an id: lower-case letters, digits and hyphens, starting with a letter or digit');

// Wiki Education numbers its answers; a plain number is read as its digits.
const OptionId = z.preprocess((value) => (typeof value === 'number' ? String(value) : value), Id);

function text(what: string) {
  return z.string({ error: (issue) => (issue.input === undefined ? `${what} is missing` : `${what} must be text`) })
    .trim().min(1, `${what} is empty`);
}

const Language = z.string().regex(LANGUAGE_PATTERN, 'must be a language tag such as en, de or pt-br');

export const OptionSchema = z.strictObject({
  id: OptionId,
  text: text('the option\'s text'),
  explanation: text('the explanation (every option says why it is or is not the best)'),
});

export const QuestionSchema = z.strictObject({
  id: Id,
  situation: text('the situation').optional(),
  question: text('the question'),
  options: z.array(OptionSchema, { error: 'the options are missing: a question has two to six' })
    .min(2, 'a question needs at least two options').max(6, 'a question has at most six options'),
  best: z.preprocess((value) => (typeof value === 'number' ? String(value) : value),
    z.string({ error: (issue) => (issue.input === undefined ? 'the best option is missing: add `best:` with its id' : 'best must be an option id') })),
  discussion: z.url({ protocol: /^https?$/, error: 'the discussion link must be an http or https address' }).optional(),
}).superRefine((question, ctx) => {
  const seen = new Set<string>();
  question.options.forEach((option, index) => {
    if (seen.has(option.id)) ctx.addIssue({ code: 'custom', path: ['options', index, 'id'], message: `option id "${option.id}" is used twice` });
    seen.add(option.id);
  });
  if (!seen.has(question.best)) {
    ctx.addIssue({ code: 'custom', path: ['best'], message: `the best option "${question.best}" is not one of the options (${[...seen].join(', ')})` });
  }
});

export const ManifestSchema = z.strictObject({
  title: text('the title'),
  summary: text('the summary'),
  estimatedMinutes: z.number({ error: 'estimatedMinutes must be a whole number of minutes' }).int().positive().max(600),
  sections: z.array(Id, { error: 'sections must list the section ids in order' }).min(1, 'a module needs at least one section'),
  /** The language of the files without a language in their name. */
  language: Language.default('en'),
  /** Where the module stands in the list; lower comes first. */
  order: z.number().int().default(100),
});

/** `module.<lang>.yaml`: the title and summary in another language. */
export const ManifestTranslationSchema = z.strictObject({ title: text('the title'), summary: text('the summary') });

export const FrontMatterSchema = z.strictObject({
  title: text('the section title'),
  questions: z.array(QuestionSchema).optional(),
});

export type QuestionInput = z.output<typeof QuestionSchema>;
export type ManifestInput = z.output<typeof ManifestSchema>;
export type FrontMatterInput = z.output<typeof FrontMatterSchema>;
