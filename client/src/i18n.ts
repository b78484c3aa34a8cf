// Only the console's section of the catalog is imported, so the bundle does not
// carry the public pages' or emails' texts.
import { console as messages } from '../../messages/en.json';

/** A key of the console's message catalog. */
export type MessageKey = keyof typeof messages;

/** Keys that come in plural forms (`queue.count.one`, `queue.count.other`, ...). */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];

/** Values to put into a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** The language of the messages; dates and numbers are formatted for it too. */
export const locale = 'en';

const pluralRules = new Intl.PluralRules(locale);

function interpolate(template: string, params: MessageParams | undefined): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

/** The message for `key`, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: MessageParams): string {
  // A value the server added after this build (a new status, say) shows its key, not a crash.
  const template: string | undefined = messages[key];
  return interpolate(template ?? key, params);
}

/** The plural form of `key` that fits `count`; `{count}` is filled in too. */
export function tPlural(key: PluralKey, count: number, params?: MessageParams): string {
  const form = `${key}.${pluralRules.select(count)}`;
  const template = form in messages ? messages[form as MessageKey] : messages[`${key}.other`];
  return interpolate(template, { ...params, count });
}
