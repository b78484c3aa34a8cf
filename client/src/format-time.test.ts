import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatElapsed, formatRelative, largestUnit } from './format-time';

const now = new Date('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function at(offsetMs: number): string {
  return new Date(now.getTime() + offsetMs).toISOString();
}

describe('largestUnit', () => {
  it('picks the largest whole unit and rounds down', () => {
    expect(largestUnit(3 * HOUR + 59 * MINUTE)).toEqual({ value: 3, unit: 'hour' });
    expect(largestUnit(2 * DAY + 23 * HOUR)).toEqual({ value: 2, unit: 'day' });
    expect(largestUnit(40 * MINUTE)).toEqual({ value: 40, unit: 'minute' });
    expect(largestUnit(59_999)).toEqual({ value: 59, unit: 'second' });
  });

  it('ignores the sign and treats sub-second spans as zero seconds', () => {
    expect(largestUnit(-90 * MINUTE)).toEqual({ value: 1, unit: 'hour' });
    expect(largestUnit(400)).toEqual({ value: 0, unit: 'second' });
  });
});

describe('formatDuration', () => {
  it('writes singular and plural units', () => {
    expect(formatDuration(HOUR, 'en')).toBe('1 hour');
    expect(formatDuration(3 * HOUR, 'en')).toBe('3 hours');
    expect(formatDuration(2 * DAY, 'en')).toBe('2 days');
    expect(formatDuration(0, 'en')).toBe('0 seconds');
  });
});

describe('formatElapsed', () => {
  it('measures how long ago a moment was', () => {
    expect(formatElapsed(at(-3 * HOUR - 5 * MINUTE), now, 'en')).toBe('3 hours');
    expect(formatElapsed(at(-26 * HOUR), now, 'en')).toBe('1 day');
  });

  it('never goes negative when the server clock runs ahead', () => {
    expect(formatElapsed(at(5 * MINUTE), now, 'en')).toBe('0 seconds');
  });

  it('returns null for an invalid date', () => {
    expect(formatElapsed('not a date', now, 'en')).toBeNull();
  });
});

describe('formatRelative', () => {
  it('describes future and past moments', () => {
    expect(formatRelative(at(40 * MINUTE), now, 'en')).toBe('in 40 minutes');
    expect(formatRelative(at(-2 * HOUR), now, 'en')).toBe('2 hours ago');
    expect(formatRelative(at(3 * DAY + HOUR), now, 'en')).toBe('in 3 days');
  });

  it('returns null for an invalid date', () => {
    expect(formatRelative('', now, 'en')).toBeNull();
  });
});

describe('formatDateTime', () => {
  it('formats in the given time zone', () => {
    // Newer ICU versions put a narrow no-break space before AM/PM.
    expect(formatDateTime('2026-01-05T15:04:00Z', 'en', 'UTC')?.replace(/\s/g, ' ')).toBe('Jan 5, 2026, 3:04 PM');
  });

  it('returns null for an invalid date', () => {
    expect(formatDateTime('2026-13-45', 'en', 'UTC')).toBeNull();
  });
});
