import { readFileSync } from 'node:fs';

// Browser tests look for the words a user sees, so they read them from the message catalog
// instead of repeating them: a reworded message then changes the test with it.
type Catalog = Record<'public' | 'console', Record<string, string>>;
const catalog = JSON.parse(readFileSync(new URL('../../messages/en.json', import.meta.url), 'utf8')) as Catalog;

function lookup(section: keyof Catalog) {
  return (key: string, vars: Record<string, string | number> = {}): string => {
    const template = catalog[section][key];
    if (template === undefined) throw new Error(`messages/en.json has no ${section}.${key}`);
    return template.replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? `{${name}}`));
  };
}

/** A message of the public pages, with its placeholders filled. */
export const pub = lookup('public');
/** A message of the console, with its placeholders filled. */
export const desk = lookup('console');
