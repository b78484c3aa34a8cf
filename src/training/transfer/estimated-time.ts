// Both movement formats give a module's length in words ("15 minutes", "1-2 hours");
// Haven keeps whole minutes.

const WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, half: 0.5 };

/**
 * Minutes from a length in words: "15 minutes", "1 hour", "1.5 hours", "an hour and a half"
 * is not attempted. A range ("30-45 minutes", "1 to 2 hours") takes its upper end, so
 * nobody plans too little time. Null when no length can be read.
 */
export function minutesFromWords(text: string): number | null {
  const match = /(\d+(?:[.,]\d+)?|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|half)\b)(?:\s*(?:-|–|to)\s*(\d+(?:[.,]\d+)?))?\s*(?:an?\s+)?(minutes?|mins?|hours?|hrs?|h)\b/i.exec(text);
  if (match === null) return null;
  const [, first = '', upper, unit = ''] = match;
  const amount = Number((upper ?? first).replace(',', '.'));
  const value = Number.isNaN(amount) ? WORDS[first.toLowerCase()] : amount;
  if (value === undefined || value <= 0) return null;
  return Math.max(1, Math.round(/^h/i.test(unit) ? value * 60 : value));
}

/** A length in words as both formats write it: "20 minutes". */
export function wordsFromMinutes(minutes: number): string {
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
