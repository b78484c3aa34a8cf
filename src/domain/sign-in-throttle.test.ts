import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextSignInAt, signInDelayMs, SIGN_IN_FREE_FAILURES, SIGN_IN_MAX_DELAY_MS } from './sign-in-throttle.js';

describe('sign-in throttle', () => {
  it('costs nothing for the first five failures, then waits 30 s, 1 min, 2 min … up to 15 min', () => {
    expect([0, 1, 4].map(signInDelayMs)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 1000].map(signInDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
  });

  it('never shrinks as failures grow and never passes the ceiling', () => {
    fc.assert(fc.property(fc.nat(10_000), (n) => signInDelayMs(n) <= signInDelayMs(n + 1) && signInDelayMs(n + 1) <= SIGN_IN_MAX_DELAY_MS));
  });

  it('admits the next attempt once the wait after the latest failure has passed', () => {
    const last = new Date('2026-03-02T10:00:00Z');
    expect(nextSignInAt(SIGN_IN_FREE_FAILURES - 1, last, last)).toBeNull();
    expect(nextSignInAt(SIGN_IN_FREE_FAILURES, last, new Date('2026-03-02T10:00:10Z'))).toEqual(new Date('2026-03-02T10:00:30Z'));
    expect(nextSignInAt(SIGN_IN_FREE_FAILURES, last, new Date('2026-03-02T10:00:30Z'))).toBeNull();
    expect(nextSignInAt(0, null, last)).toBeNull();
  });
});
