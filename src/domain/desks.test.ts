import { describe, expect, it } from 'vitest';
import { DEFAULT_DESK_SLUG, isDeskSlug } from './desks.js';

describe('desk slugs', () => {
  it('takes short lower-case names with inner hyphens', () => {
    for (const slug of [DEFAULT_DESK_SLUG, 'enwiki', 'events-team', 'a', '9', 'x'.repeat(40), 'de-wiki-2']) expect(isDeskSlug(slug), slug).toBe(true);
  });

  it('refuses what would not read the same in a URL, a shell and a log line', () => {
    for (const slug of ['', 'EnWiki', '-enwiki', 'enwiki-', 'en wiki', 'en_wiki', 'en/wiki', 'énwiki', 'x'.repeat(41), 'a\nb']) {
      expect(isDeskSlug(slug), JSON.stringify(slug)).toBe(false);
    }
  });
});
