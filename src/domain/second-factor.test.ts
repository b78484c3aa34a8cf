import { describe, expect, it } from 'vitest';
import { isIdle, secondFactorRequired, secondFactorState } from './second-factor.js';

describe('second factor', () => {
  it('is required of an admin on any desk, and of any role on a desk that requires it', () => {
    expect(secondFactorRequired(new Map([['a', 'handler'], ['b', 'admin']]), new Set())).toBe(true);
    expect(secondFactorRequired(new Map([['a', 'handler']]), new Set())).toBe(false);
    expect(secondFactorRequired(new Map([['a', 'handler']]), new Set(['a']))).toBe(true);
    // A desk where they hold no role requires nothing of them.
    expect(secondFactorRequired(new Map([['a', 'reviewer']]), new Set(['b']))).toBe(false);
  });

  it('asks the enrolled for a code in every session, and the unenrolled to enrol only when required', () => {
    expect(secondFactorState({ enrolled: true, givenInSession: false, required: false })).toBe('code_required');
    expect(secondFactorState({ enrolled: true, givenInSession: true, required: true })).toBe('ok');
    expect(secondFactorState({ enrolled: false, givenInSession: false, required: true })).toBe('enrol_required');
    expect(secondFactorState({ enrolled: false, givenInSession: false, required: false })).toBe('ok');
  });

  it('counts a session idle from the moment the timeout is reached', () => {
    const seen = new Date('2026-03-02T10:00:00Z');
    expect(isIdle(seen, new Date('2026-03-02T10:29:59Z'), 30)).toBe(false);
    expect(isIdle(seen, new Date('2026-03-02T10:30:00Z'), 30)).toBe(true);
  });
});
