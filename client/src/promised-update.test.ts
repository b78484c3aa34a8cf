import { describe, expect, it } from 'vitest';
import { MAX_PROMISE_DAYS, latestPromise, promiseProblem } from './promised-update';

const now = new Date('2026-03-10T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

describe('promiseProblem', () => {
  it('accepts a time in the future within the limit', () => {
    expect(promiseProblem('2026-03-11T09:00:00+01:00', now)).toBeNull();
    expect(promiseProblem(new Date(now.getTime() + MAX_PROMISE_DAYS * DAY).toISOString(), now)).toBeNull();
  });

  it('refuses now and the past', () => {
    expect(promiseProblem(now.toISOString(), now)).toBe('past');
    expect(promiseProblem('2026-03-10T12:30:00+01:00', now)).toBe('past');
  });

  it('refuses a time beyond the limit', () => {
    expect(promiseProblem(new Date(now.getTime() + MAX_PROMISE_DAYS * DAY + 60_000).toISOString(), now)).toBe('too_far');
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
