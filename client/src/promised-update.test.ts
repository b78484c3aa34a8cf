import { describe, expect, it } from 'vitest';
import { PROMISE_MAX_DAYS, latestPromise, promiseProblem } from './promised-update';

const now = new Date('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (offsetMs: number): string => new Date(now.getTime() + offsetMs).toISOString();

describe('promiseProblem', () => {
  it('accepts a time in the future within the limit, whatever its offset', () => {
    expect(promiseProblem('2026-03-11T09:00:00+01:00', now)).toBeNull();
    expect(promiseProblem(at(PROMISE_MAX_DAYS * DAY), now)).toBeNull();
  });

  it('refuses now and the past', () => {
    expect(promiseProblem(now.toISOString(), now)).toBe('in_the_past');
    expect(promiseProblem('2026-03-10T12:30:00+01:00', now)).toBe('in_the_past');
  });

  it('refuses a time too close to keep', () => {
    expect(promiseProblem(at(2 * MINUTE), now)).toBe('too_soon');
  });

  it('refuses a time beyond the limit', () => {
    expect(promiseProblem(at(PROMISE_MAX_DAYS * DAY + MINUTE), now)).toBe('too_far');
  });

  it('refuses a missing or unreadable time', () => {
    expect(promiseProblem(null, now)).toBe('invalid');
    expect(promiseProblem('next week', now)).toBe('invalid');
  });
});

describe('latestPromise', () => {
  it('is the limit counted from now', () => {
    expect(latestPromise(now).toISOString()).toBe('2026-05-09T12:00:00.000Z');
  });
});
