/**
 * The leak guard: before anything goes to a reported person, search it for what identifies
 * the people who came to the desk (the reporter, the target). A reported person who learns
 * who reported them can retaliate; a handler writing a careful notice can still paste a name
 * without noticing. So the guard is deliberately forgiving about spelling (case, spacing,
 * dots, underscores, invisible characters, look-alike letters) and strict about words: an
 * identifier counts only as a whole word, so "Ann" is found in "Ann's edits" but not in
 * "planning". A public wiki diff is not a leak: a notice about a sanction has to cite it.
 *
 * Pure and browser-safe: the server runs it before sending, and anything else a reported
 * person will see can run it too.
 */

/** What an identifier is, for the message that names it. */
export const IDENTIFIER_KINDS = ['account_name', 'display_name', 'email', 'private_evidence'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Something that must not reach the reported person. `label` says whose it is ("reporter"). */
export interface ProtectedIdentifier {
  kind: IdentifierKind;
  label: string;
  value: string;
}

/** One identifier found in the text, with where (in the original text) it was found. */
export interface LeakHit {
  kind: IdentifierKind;
  label: string;
  /** The text as written where the identifier was found (disguise included). */
  found: string;
  start: number;
  end: number;
}

export interface LeakCheckInput {
  text: string;
  identifiers: readonly ProtectedIdentifier[];
  /** Links anyone may read (the case's public evidence): cited, they are not leaks. */
  publicLinks?: readonly string[];
}

/** Identifiers shorter than this (once disguises are removed) match too much to be useful. */
export const MIN_IDENTIFIER_LENGTH = 2;

// Characters people use to hide a word from a search but not from a reader: soft hyphen,
// joiners and zero-width spaces, direction marks, variation selectors, the byte-order mark.
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180e],
  [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x2064], [0x206a, 0x206f], [0xfe00, 0xfe0f], [0xfeff, 0xfeff],
];

function isInvisible(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to);
}

// Look-alikes, each mapped to the one Latin letter it is read as. i, l, 1 and | are read as
// one another, so they share a class (as do o and 0, e and 3, s and 5 …). Lower case only:
// the text is lower-cased before it is looked up here.
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Digits, and one sign. Not '@', '!' or '|': they sit next to names as punctuation
  // ("@Name", "Name!"), and read as letters they would glue themselves to the word.
  '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '$': 's',
  // Latin letters read as another
  i: 'l', 'ı': 'l', 'ł': 'l', 'ø': 'o', 'ß': 's',
  // Cyrillic
  'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y',
  'х': 'x', 'і': 'l', 'ї': 'l', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'һ': 'h', 'ӏ': 'l', 'ԛ': 'q', 'ԝ': 'w', 'ь': 'b', 'г': 'r', 'п': 'n',
  // Greek
  'α': 'a', 'β': 'b', 'γ': 'y', 'ε': 'e', 'ζ': 'z', 'η': 'n', 'ι': 'l', 'κ': 'k', 'μ': 'u', 'ν': 'v', 'ο': 'o', 'ρ': 'p',
  'σ': 'o', 'ς': 's', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ω': 'w',
};

/** One character of the text as the guard reads it, with its place in the original. */
interface Glyph { char: string; at: number; end: number; afterGap: boolean }

/**
 * The text as the guard reads it: letters and digits only, each folded (compatibility form,
 * accents off, lower case, look-alikes to their Latin letter), remembering which ones follow
 * a gap (space, punctuation, start of text): the word boundaries.
 */
function glyphs(text: string): Glyph[] {
  const out: Glyph[] = [];
  let gap = true;
  let at = 0;
  for (const raw of text) {
    const end = at + raw.length;
    if (isInvisible(raw)) { at = end; continue; }
    const folded = fold(raw);
    if (folded === '') {
      gap = true;
    } else {
      for (const char of folded) {
        out.push({ char, at, end, afterGap: gap });
        gap = false;
      }
    }
    at = end;
  }
  return out;
}

function fold(raw: string): string {
  let result = '';
  // NFKD splits ligatures and full-width forms, and separates accents from their letters.
  for (const c of raw.normalize('NFKD').toLowerCase()) {
    if (/\p{M}/u.test(c)) continue;
    const mapped = LOOK_ALIKES[c] ?? c;
    if (/[\p{L}\p{N}]/u.test(mapped)) result += mapped;
  }
  return result;
}

/** The identifier as the guard looks for it: its letters and digits, folded like the text. */
export function identifierSkeleton(value: string): string {
  return glyphs(value).map((g) => g.char).join('');
}

/** Removes cited public links (and any wiki diff link) before searching. */
function withoutPublicLinks(text: string, publicLinks: readonly string[]): string {
  let result = text;
  for (const link of publicLinks) {
    if (link.trim() === '') continue;
    result = result.split(link).join(' '.repeat(link.length));
  }
  // A link to a diff or an old revision is public on the wiki whoever it names.
  return result.replace(/https?:\/\/\S*(?:[?&](?:diff|oldid)=|Special:Diff\/|Special:PermanentLink\/)\S*/giu, (m) => ' '.repeat(m.length));
}

/** Every identifier found in `text`, as a whole word once disguises are removed, in text order. */
export function findLeaks(input: LeakCheckInput): LeakHit[] {
  const text = withoutPublicLinks(input.text, input.publicLinks ?? []);
  const seen = glyphs(text);
  const haystack = seen.map((g) => g.char).join('');
  const hits: LeakHit[] = [];
  for (const id of input.identifiers) {
    for (const needle of needlesOf(id)) {
      let from = 0;
      for (;;) {
        const start = haystack.indexOf(needle, from);
        if (start < 0) break;
        from = start + 1;
        const first = seen[start];
        const last = seen[start + needle.length - 1];
        const next = seen[start + needle.length];
        if (first === undefined || last === undefined) break;
        // Whole words only: the match starts after a gap and ends before one.
        if (!first.afterGap || (next !== undefined && !next.afterGap)) continue;
        hits.push({ kind: id.kind, label: id.label, found: input.text.slice(first.at, last.end), start: first.at, end: last.end });
      }
    }
  }
  return dedupe(hits).sort((a, b) => a.start - b.start || a.label.localeCompare(b.label));
}

/** What to look for: the identifier itself, and for an address also its local part. */
function needlesOf(id: ProtectedIdentifier): string[] {
  const values = [id.value];
  if (id.kind === 'email') {
    const local = id.value.split('@')[0] ?? '';
    if (local !== id.value) values.push(local);
  }
  return [...new Set(values.map(identifierSkeleton))].filter((s) => s.length >= MIN_IDENTIFIER_LENGTH);
}

function dedupe(hits: LeakHit[]): LeakHit[] {
  const byKey = new Map<string, LeakHit>();
  for (const hit of hits) {
    const key = `${hit.label}|${hit.kind}|${hit.start}`;
    const known = byKey.get(key);
    if (known === undefined || hit.end > known.end) byKey.set(key, hit);
  }
  return [...byKey.values()];
}
