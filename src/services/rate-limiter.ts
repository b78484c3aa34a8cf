import type { ServiceContext } from './context.js';

/** How many attempts one key may make in a window. */
export interface RateRule { name: string; limit: number; windowMs: number }

/** The outcome of counting one attempt: allowed or not, and when the window ends. */
export interface RateDecision { allowed: boolean; count: number; retryAfterSeconds: number }

/**
 * Counts attempts per key in fixed windows. Keys are keyed hashes (never an address), and a
 * key is forgotten when its window ends. The in-memory limiter serves one process (SQLite's
 * case: one server per file, so a limit costs no write to its single writer).
 */
export interface RateLimiter {
  /** Counts one attempt of `key` under `rule` and says whether it is within the limit. */
  hit(rule: RateRule, key: string, now: Date): Promise<RateDecision>;
  /** Whether `key` is already over the limit, without counting an attempt. */
  peek(rule: RateRule, key: string, now: Date): Promise<RateDecision>;
  /** Claims `key` under `name` until `until`: true the first time, false for every later claim (a replay). */
  claim(name: string, key: string, until: Date, now: Date): Promise<boolean>;
}

/** The end of the fixed window of `rule` that `now` falls in (epoch milliseconds). */
export function windowEnd(rule: RateRule, now: Date): number {
  const t = now.getTime();
  return t - (t % rule.windowMs) + rule.windowMs;
}

/** What one attempt's count means under `rule` (`counted`: the attempt itself is in `count`). */
export function decide(rule: RateRule, count: number, counted: boolean, now: Date): RateDecision {
  const allowed = counted ? count <= rule.limit : count < rule.limit;
  return { allowed, count, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd(rule, now) - now.getTime()) / 1000)) };
}

interface Window { start: number; end: number; count: number }

/** Fixed windows in a Map; expired windows are swept as new ones open, so memory stays bounded by live keys. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly claims = new Map<string, number>();
  private lastSweep = 0;

  hit(rule: RateRule, key: string, now: Date): Promise<RateDecision> {
    return Promise.resolve(this.count(rule, key, now, 1));
  }

  peek(rule: RateRule, key: string, now: Date): Promise<RateDecision> {
    return Promise.resolve(this.count(rule, key, now, 0));
  }

  claim(name: string, key: string, until: Date, now: Date): Promise<boolean> {
    this.sweep(now.getTime());
    const id = `${name}\u0000${key}`;
    const held = this.claims.get(id);
    if (held !== undefined && held > now.getTime()) return Promise.resolve(false);
    this.claims.set(id, until.getTime());
    return Promise.resolve(true);
  }

  /** Live windows, for tests: a key is forgotten once its window ended. */
  get size(): number {
    return this.windows.size;
  }

  private count(rule: RateRule, key: string, now: Date, add: number): RateDecision {
    const t = now.getTime();
    this.sweep(t);
    const start = t - (t % rule.windowMs);
    const id = `${rule.name}\u0000${key}`;
    let window = this.windows.get(id);
    if (window === undefined || window.start !== start) {
      window = { start, end: start + rule.windowMs, count: 0 };
      if (add > 0) this.windows.set(id, window);
    }
    window.count += add;
    return decide(rule, window.count, add > 0, now);
  }

  private sweep(t: number): void {
    if (t - this.lastSweep < 10_000) return;
    this.lastSweep = t;
    for (const [id, window] of this.windows) if (window.end <= t) this.windows.delete(id);
    for (const [id, until] of this.claims) if (until <= t) this.claims.delete(id);
  }
}

const defaults = new WeakMap<object, RateLimiter>();

/** The context's limiter, or one in memory kept for that context (tests, SQLite). */
export function rateLimiterOf(ctx: ServiceContext): RateLimiter {
  if (ctx.rateLimiter !== undefined) return ctx.rateLimiter;
  let limiter = defaults.get(ctx);
  if (limiter === undefined) {
    limiter = new MemoryRateLimiter();
    defaults.set(ctx, limiter);
  }
  return limiter;
}
