import { LANGUAGE_PATTERN } from './schema.js';

/**
 * The languages a reader would like, best first: the one they chose (from `?lang=`), then
 * their browser's Accept-Language by its weights. Tags are lower-case, as in file names.
 */
export function preferredLanguages(chosen: string | null, acceptLanguage: string): string[] {
  const weighted = acceptLanguage.split(',').flatMap((part, index) => {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    return LANGUAGE_PATTERN.test(tag) && weight > 0 ? [{ tag, weight, index }] : [];
  });
  weighted.sort((a, b) => b.weight - a.weight || a.index - b.index);
  const chosenTag = chosen?.toLowerCase() ?? '';
  return [...new Set([...(LANGUAGE_PATTERN.test(chosenTag) ? [chosenTag] : []), ...weighted.map((w) => w.tag)])];
}

/**
 * The language to show a text in: the first preferred language it exists in (a regional
 * tag also matches its base language, `de-at` → `de`), else English, else the module's own.
 */
export function pickLanguage(available: ReadonlySet<string> | ReadonlyMap<string, unknown>, preferred: readonly string[], own: string): string {
  for (const tag of preferred) {
    if (available.has(tag)) return tag;
    const base = tag.split('-')[0] ?? tag;
    if (available.has(base)) return base;
  }
  return available.has('en') ? 'en' : own;
}

/** A language's name in that language (`de` → "Deutsch"), for a list of languages to switch to. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
