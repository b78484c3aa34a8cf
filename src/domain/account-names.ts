/**
 * A community account name as the wiki means it, so that two spellings of one account meet:
 * the wiki treats underscores and spaces alike, ignores surrounding and repeated spaces, and
 * (for the first letter) case. Haven ignores case throughout: two accounts that differ only
 * by case past the first letter are rare enough, and a missed link between cases is the
 * worse failure. The routing work links cases by this form, and parties keep a keyed blind
 * index of it, so it must stay one function.
 */
export function normaliseAccountName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[_\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/gu, ' ')
    .trim()
    .toLowerCase();
}

/** The longest account name a party may carry (MediaWiki allows 85 characters; kept a little wider). */
export const ACCOUNT_NAME_MAX = 100;
