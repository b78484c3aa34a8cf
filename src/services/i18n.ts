import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The catalogs live in <repo>/messages; this file is two folders below the repo root both
// as source (src/services) and when built (dist/services).
const MESSAGES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../messages');

type Catalog = Record<string, Record<string, string>>;
const catalogs = new Map<string, Catalog>();

function load(language: string): Catalog | null {
  const cached = catalogs.get(language);
  if (cached !== undefined) return cached;
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(language)) return null;
  try {
    const catalog = JSON.parse(readFileSync(path.join(MESSAGES_DIR, `${language}.json`), 'utf8')) as Catalog;
    catalogs.set(language, catalog);
    return catalog;
  } catch {
    return null;
  }
}

export type MessageParams = Record<string, string | number>;

/** A translator for one area of the catalog ("public", "email", "console") in one language, falling back to English. */
export function translator(area: string, language = 'en'): (key: string, params?: MessageParams) => string {
  const english = load('en')?.[area] ?? {};
  const own = language === 'en' ? english : load(language)?.[area] ?? {};
  return (key, params) => {
    const template = own[key] ?? english[key];
    if (template === undefined) throw new Error(`Missing message ${area}.${key}`);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params?.[name] === undefined ? whole : String(params[name])));
  };
}

/** Languages with a catalog of their own; others are answered in English. */
export function hasCatalog(language: string): boolean {
  return load(language) !== null;
}

/**
 * The language a reporter actually reads, for text and dates alike: the one they chose when
 * Haven has its catalog, English otherwise. Mixing (English words around an Arabic date) is
 * worse than either, so nothing a reporter reads is worded in a language without a catalog.
 * The choice itself stays on the case: it is the language they prefer to be answered in.
 */
export function readerLanguage(preferred: string): string {
  return hasCatalog(preferred) ? preferred : 'en';
}

/** Whether a language is written right to left. */
export function isRightToLeft(language: string): boolean {
  return ['ar', 'fa', 'he', 'ur'].includes(language.split('-')[0] ?? '');
}
