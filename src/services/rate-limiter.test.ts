import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from './rate-limiter.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 10, 0) + minutes * 60_000);

describe('the in-memory rate limiter (SQLite)', () => {
  it('claims a key once until it expires, by the clock it is given', async () => {
    const limiter = new MemoryRateLimiter();
    expect(await limiter.claim('pow', 'challenge-1', at(10), at(0))).toBe(true);
    expect(await limiter.claim('pow', 'challenge-1', at(10), at(9))).toBe(false);
    expect(await limiter.claim('pow', 'challenge-2', at(10), at(9))).toBe(true);
    // Past its expiry a claim is forgotten (a challenge that old is refused as expired anyway).
    expect(await limiter.claim('pow', 'challenge-1', at(30), at(11))).toBe(true);
  });

  it('counts per rule and key in fixed windows and refuses past the limit', async () => {
    const limiter = new MemoryRateLimiter();
    const rule = { name: 'r', limit: 2, windowMs: 60_000 };
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push((await limiter.hit(rule, 'k', at(0))).allowed);
    expect(answers).toEqual([true, true, false]);
    expect((await limiter.hit(rule, 'other', at(0))).allowed).toBe(true);
    expect((await limiter.peek(rule, 'k', at(0))).allowed).toBe(false);
    expect((await limiter.hit(rule, 'k', at(1))).allowed).toBe(true);
  });
});
