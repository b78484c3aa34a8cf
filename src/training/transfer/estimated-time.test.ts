import { describe, expect, it } from 'vitest';
import { minutesFromWords, wordsFromMinutes } from './estimated-time.js';

describe('minutesFromWords', () => {
  it.each([
    ['15 minutes', 15], ['1 hour', 60], ['1.5 hours', 90], ['an hour', 60], ['about 20 mins', 20],
    ['30-45 minutes', 45], ['1 to 2 hours', 120], ['one minute', 1], ['2h', 120],
  ])('reads %j as %i minutes', (words, minutes) => {
    expect(minutesFromWords(words)).toBe(minutes);
  });
  it.each(['', 'a while', 'quick'])('gives up on %j', (words) => {
    expect(minutesFromWords(words)).toBeNull();
  });
  it('writes minutes the way it reads them', () => {
    for (const minutes of [1, 20, 45]) expect(minutesFromWords(wordsFromMinutes(minutes))).toBe(minutes);
  });
});
