// Whether a reply started from a template carries enough of the handler's own writing. The
// rule looks at two things a bare similarity ratio cannot tell apart: the template's marked
// blanks (each one a place the handler was asked to write) and the words the handler added
// that are neither the template's nor a stock phrase. A reply written from scratch has no
// template and is never judged.
import { templateBlanks } from './reply-templates.js';

/** Added words in one run that make "a real sentence" about the case. */
export const SENTENCE_WORDS = 6;
/** Added words per blank that, spread over the blanks, count as filling them properly. */
export const WORDS_PER_BLANK = 4;

// Courtesies that add no word about the case; matched as whole word sequences.
const STOCK_PHRASES: readonly string[][] = [
  'hope this helps', 'i hope this helps', 'thank you', 'thank you very much', 'thanks', 'many thanks', 'thanks again',
  'best', 'best wishes', 'best regards', 'kind regards', 'regards', 'cheers', 'take care', 'all the best', 'warm regards',
  'hi', 'hello', 'hey', 'dear', 'sincerely', 'yours', 'let me know if you have questions', 'let me know',
].map((p) => p.split(' ')).sort((a, b) => b.length - a.length);

/** Why a reply reads as boilerplate, or null when the handler wrote enough of their own. */
export type BoilerplateVerdict =
  | { boilerplate: false; ownWords: number; longestRun: number }
  | { boilerplate: true; reason: 'blanks_left' | 'too_little_added'; ownWords: number; longestRun: number; blanksLeft: number };

/**
 * Judges `sent` against the template body after its variables were filled in (`filledTemplate`).
 * Boilerplate when a blank is left as it was, or when the words the handler added (not the
 * template's, not a stock phrase) make neither one real sentence (`SENTENCE_WORDS` in a row)
 * nor `WORDS_PER_BLANK` per blank. Punctuation and case are ignored: changing them adds nothing.
 */
export function judgeBoilerplate(filledTemplate: string, sent: string): BoilerplateVerdict {
  const blanks = templateBlanks(filledTemplate);
  const blanksLeft = blanks.filter((blank) => sent.includes(blank)).length;
  // The blanks' own words are instructions to the handler, not text the template supplies.
  const fixed = words(blanks.reduce((text, blank) => text.split(blank).join(' '), filledTemplate));
  const added = withoutStockPhrases(addedRuns(fixed, words(sent)));
  const ownWords = added.reduce((n, run) => n + run.length, 0);
  const longestRun = added.reduce((n, run) => Math.max(n, run.length), 0);
  if (blanksLeft > 0) return { boilerplate: true, reason: 'blanks_left', ownWords, longestRun, blanksLeft };
  const enough = longestRun >= SENTENCE_WORDS || ownWords >= WORDS_PER_BLANK * Math.max(1, blanks.length);
  return enough ? { boilerplate: false, ownWords, longestRun } : { boilerplate: true, reason: 'too_little_added', ownWords, longestRun, blanksLeft };
}

/** Lower-cased words, punctuation dropped (letters and digits of any script kept). */
function words(text: string): string[] {
  return text.toLowerCase().normalize('NFC').split(/[^\p{L}\p{N}']+/u).map((w) => w.replace(/^'+|'+$/g, '')).filter((w) => w !== '');
}

/**
 * The runs of `sent` words not matched to the template's words by a longest common
 * subsequence: what the handler typed, in the places they typed it.
 */
function addedRuns(template: string[], sent: string[]): string[][] {
  const n = template.length;
  const m = sent.length;
  if (n * m > MAX_LCS_CELLS) return greedyAddedRuns(template, sent);
  // lcs(i, j): the longest common subsequence of template[i..] and sent[j..], in one flat table.
  const table = new Uint32Array((n + 1) * (m + 1));
  const lcs = (i: number, j: number): number => table[i * (m + 1) + j] ?? 0;
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i * (m + 1) + j] = template[i] === sent[j] ? lcs(i + 1, j + 1) + 1 : Math.max(lcs(i + 1, j), lcs(i, j + 1));
    }
  }
  const runs: string[][] = [];
  let run: string[] = [];
  let i = 0;
  sent.forEach((word, j) => {
    // Skip template words the alignment leaves out, then take this word as matched or added.
    while (i < n && template[i] !== word && lcs(i + 1, j) >= lcs(i, j + 1)) i += 1;
    if (i < n && template[i] === word) {
      if (run.length > 0) runs.push(run);
      run = [];
      i += 1;
    } else {
      run.push(word);
    }
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

// A reply and a template of ordinary length are far below this; beyond it the table would cost too much memory.
const MAX_LCS_CELLS = 4_000_000;

/** Matches template words in order, first come first served: less exact than the LCS, but linear. */
function greedyAddedRuns(template: string[], sent: string[]): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let i = 0;
  for (const word of sent) {
    if (i < template.length && template[i] === word) {
      if (run.length > 0) runs.push(run);
      run = [];
      i += 1;
    } else {
      run.push(word);
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Each run with its stock phrases cut out; a cut splits the run, so courtesies do not join real words into a sentence. */
function withoutStockPhrases(runs: string[][]): string[][] {
  const out: string[][] = [];
  for (const run of runs) {
    let piece: string[] = [];
    for (let k = 0; k < run.length; ) {
      const phrase = STOCK_PHRASES.find((p) => p.every((w, x) => run[k + x] === w));
      if (phrase === undefined) {
        piece.push(run[k] ?? '');
        k += 1;
      } else {
        if (piece.length > 0) out.push(piece);
        piece = [];
        k += phrase.length;
      }
    }
    if (piece.length > 0) out.push(piece);
  }
  return out;
}
