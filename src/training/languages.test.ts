import { describe, expect, it } from 'vitest';
import { languageName, pickLanguage, preferredLanguages } from './languages.js';

describe('preferredLanguages', () => {
  it('puts the chosen language first, then the browser\'s by weight', () => {
    expect(preferredLanguages('AR', 'fr;q=0.5, de-AT, en;q=0.8, *;q=0.1')).toEqual(['ar', 'de-at', 'en', 'fr']);
    expect(preferredLanguages(null, '')).toEqual([]);
    expect(preferredLanguages('not a tag', 'de')).toEqual(['de']);
  });
});

describe('pickLanguage', () => {
  const available = new Set(['en', 'de', 'ar']);
  it('takes the first preferred language the text exists in, matching a region to its base', () => {
    expect(pickLanguage(available, ['fr', 'de-at', 'en'], 'en')).toBe('de');
    expect(pickLanguage(available, ['ar'], 'en')).toBe('ar');
  });
  it('falls back to English, and to the module\'s own language when there is no English', () => {
    expect(pickLanguage(available, ['fr'], 'de')).toBe('en');
    expect(pickLanguage(new Set(['de', 'fr']), ['es'], 'de')).toBe('de');
  });
});

describe('languageName', () => {
  it('names a language in itself', () => {
    expect(languageName('de')).toBe('Deutsch');
  });
});
