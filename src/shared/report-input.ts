import { z } from 'zod';
import { CATEGORIES, REPORTER_ROLES } from '../domain/categories.js';
import { isDeskSlug } from '../domain/desks.js';
import { MAX_REPORTER_RECUSALS } from '../domain/groups.js';
import { cleanText, httpUrl } from './text-rules.js';

export const MAX_REPORT_TEXT = 20_000;
export const MAX_ACCOUNTS = 20;
export const MAX_LINKS = 50;

/** Languages offered on the report form, by BCP 47 tag, each named in its own language. */
export const REPORT_LANGUAGES = {
  en: 'English', de: 'Deutsch', es: 'Español', fr: 'Français', it: 'Italiano', nl: 'Nederlands',
  pl: 'Polski', pt: 'Português', ru: 'Русский', uk: 'Українська', tr: 'Türkçe', ar: 'العربية',
  fa: 'فارسی', he: 'עברית', hi: 'हिन्दी', id: 'Bahasa Indonesia', ja: '日本語', ko: '한국어', zh: '中文',
} as const;
export type ReportLanguage = keyof typeof REPORT_LANGUAGES;
const LANGUAGE_TAGS = Object.keys(REPORT_LANGUAGES) as [ReportLanguage, ...ReportLanguage[]];

const account = cleanText(255, 1).transform((s) => s.trim());

/** A report as the public intake accepts it, from the form or the API. */
export const ReportInputSchema = z.strictObject({
  reporterRole: z.enum(REPORTER_ROLES),
  reportedAccounts: z.array(account).min(1, { message: 'Name at least one account.' })
    .max(MAX_ACCOUNTS, { message: `Name at most ${MAX_ACCOUNTS} accounts.` }),
  targetAccount: account.optional(),
  // Optional: harassment by email or in person has no link to give; the description is enough.
  links: z.array(httpUrl()).max(MAX_LINKS, { message: `Give at most ${MAX_LINKS} links.` }).default([]),
  /** Links the reporter marks private: the team sees them; nothing a reported person reads may quote them. */
  privateLinks: z.array(httpUrl()).max(MAX_LINKS, { message: `Give at most ${MAX_LINKS} private links.` }).optional()
    .describe('Links only the team may see (a private message, a page about the reporter): never shown or quoted to a reported person.'),
  description: cleanText(MAX_REPORT_TEXT, 1),
  category: z.enum(CATEGORIES),
  immediateDanger: z.boolean(),
  contactEmail: z.email({ message: 'Must be an email address, like name@example.org.' }).max(254).optional(),
  language: z.enum(LANGUAGE_TAGS),
  /** The slug of the desk the report is for: needed only when the Haven has several. */
  desk: z.string().max(40).refine(isDeskSlug, { message: 'A desk is named by its short name, like enwiki.' })
    .describe('The slug of the desk (community or team) the report is for. Required when there is more than one desk.').optional(),
  notHandledBy: z.array(account).max(MAX_REPORTER_RECUSALS, { message: `Name at most ${MAX_REPORTER_RECUSALS} people.` }).optional()
    .describe('Up to three people on the desk (their wiki account names) who must not handle this report. They are recused at once and not told by whom; names that match nobody are ignored, without saying so.'),
});
export type ReportInput = z.infer<typeof ReportInputSchema>;
