import { z } from 'zod';
import { isDeskSlug } from '../../domain/desks.js';
import {
  MAX_TEMPLATE_BODY, MAX_TEMPLATE_NAME, TEMPLATE_PURPOSES, TEMPLATE_VARIABLES, unknownVariables,
} from '../../domain/reply-templates.js';
import { cleanText } from '../text-rules.js';

// The reply templates API: a desk's admins manage them; everyone on the desk reads them to
// start a reply. Browser-safe.

const DeskSlug = z.string().max(40).refine(isDeskSlug, { message: 'A desk is named by its slug.' });
// A BCP 47 tag, loosely: the catalog decides later which languages have text of their own.
const Language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'A language tag like en or pt-BR.' });
const Body = cleanText(MAX_TEMPLATE_BODY, 1).refine((body) => unknownVariables(body).length === 0, {
  message: `Only these variables can be used: ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')}.`,
});

export const TemplatesQuery = z.strictObject({
  desk: DeskSlug.describe('Only this desk\'s templates. Without it, every desk where the user holds a role.').optional(),
  retired: z.enum(['include', 'exclude']).default('exclude').describe('Whether retired templates are listed (the admins\' page shows them).'),
});
export type TemplatesQuery = z.input<typeof TemplatesQuery>;

export const TemplateParams = z.strictObject({ id: z.string().min(1).max(64) });

export const NewTemplateBody = z.strictObject({
  desk: DeskSlug,
  name: cleanText(MAX_TEMPLATE_NAME, 1).transform((s) => s.trim()),
  language: Language,
  purpose: z.enum(TEMPLATE_PURPOSES),
  body: Body,
});
export type NewTemplateBody = z.input<typeof NewTemplateBody>;

export const TemplateChangesBody = z.strictObject({
  name: cleanText(MAX_TEMPLATE_NAME, 1).transform((s) => s.trim()).optional(),
  language: Language.optional(),
  purpose: z.enum(TEMPLATE_PURPOSES).optional(),
  body: Body.optional(),
}).refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Change at least one field.' });
export type TemplateChangesBody = z.input<typeof TemplateChangesBody>;

/** A reply template; `blanks` are the marked places the handler must write. */
export const Template = z.object({
  id: z.string(),
  desk: z.object({ slug: z.string(), name: z.string() }),
  name: z.string(),
  language: z.string(),
  purpose: z.enum(TEMPLATE_PURPOSES),
  body: z.string(),
  blanks: z.array(z.string()),
  updatedAt: z.string(),
  retiredAt: z.string().nullable(),
});
export type Template = z.infer<typeof Template>;

export const TemplateResponse = z.object({ template: Template });
export type TemplateResponse = z.infer<typeof TemplateResponse>;

export const TemplatesResponse = z.object({ templates: z.array(Template) });
export type TemplatesResponse = z.infer<typeof TemplatesResponse>;
