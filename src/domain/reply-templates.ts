// Reply templates: what a desk's admins keep for speed, and the rules for their text. A template
// body holds variables Haven fills in ({recipientName} …) and marked blanks ([what you will look
// at first]) where the handler must write the personal part; the boilerplate check
// (boilerplate.ts) is built on those blanks.

/** What a template is for. */
export const TEMPLATE_PURPOSES = [
  'acknowledgement', 'request_for_information', 'update', 'non_actionable_next_steps',
  'closing_after_action', 'advice_to_reported_person', 'other',
] as const;

/** What a template is for. */
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];

/** Narrows an untrusted string to a TemplatePurpose. */
export function isTemplatePurpose(value: string): value is TemplatePurpose {
  return (TEMPLATE_PURPOSES as readonly string[]).includes(value);
}

/** The variables a template body may use, filled in when a reply starts from it. */
export const TEMPLATE_VARIABLES = ['recipientName', 'caseReference', 'promiseDate', 'handlerName'] as const;

/** One variable of a template body. */
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** Values for the variables; a missing one is left as written, so the handler sees it. */
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

export const MAX_TEMPLATE_NAME = 120;
export const MAX_TEMPLATE_BODY = 10_000;

const VARIABLE = /\{([A-Za-z]+)\}/g;
// A blank is a bracketed instruction of at least two characters, not a link like [1].
const BLANK = /\[([^\][\n]{2,200})\]/g;

/** Variables a body names that Haven does not know (a typo an admin should hear about). */
export function unknownVariables(body: string): string[] {
  const known = TEMPLATE_VARIABLES as readonly string[];
  return [...new Set([...body.matchAll(VARIABLE)].map((m) => m[1] ?? '').filter((name) => !known.includes(name)))];
}

/** Known variables still written as variables in a text (a reply that would reach a reader with `{recipientName}` in it). */
export function unfilledVariables(text: string): string[] {
  const known = TEMPLATE_VARIABLES as readonly string[];
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1] ?? '').filter((name) => known.includes(name)))];
}

/** The body with each known variable replaced by its value. */
export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(VARIABLE, (whole, name: string) => {
    const value = (TEMPLATE_VARIABLES as readonly string[]).includes(name) ? values[name as TemplateVariable] : undefined;
    return value ?? whole;
  });
}

/** The marked blanks of a body, with their brackets, in order. */
export function templateBlanks(body: string): string[] {
  return [...body.matchAll(BLANK)].map((m) => m[0]);
}

/** A template Haven ships for every desk (language `en`); admins edit or retire them like any other. */
export interface StarterTemplate { key: string; name: string; purpose: TemplatePurpose; body: string }

/** What the variables stand for when a handler starts a reply on a case. */
export interface ReplyContext {
  /** The reader's username; an anonymous reader leaves {recipientName} for the handler to write. */
  recipientName: string | null;
  caseReference: string;
  handlerName: string;
  promiseUpdateBy: Date | null;
  /** The language the date is written in (the case's). */
  language: string;
}

/**
 * The variables' values for a reply. The console and the server both fill a template with
 * this, so the boilerplate check compares against exactly what the handler started from. The
 * date is written in UTC and says so: the reader may be anywhere.
 */
export function replyTemplateValues(c: ReplyContext): TemplateValues {
  const values: TemplateValues = { caseReference: c.caseReference, handlerName: c.handlerName };
  if (c.recipientName !== null) values.recipientName = c.recipientName;
  if (c.promiseUpdateBy !== null) {
    values.promiseDate = `${new Intl.DateTimeFormat(c.language, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(c.promiseUpdateBy)} UTC`;
  }
  return values;
}
