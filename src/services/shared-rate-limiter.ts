import type { HavenDb } from '../db/connection.js';
import { countAttempt, forgetEndedCounts, readAttempts } from '../db/repositories/rate-limits.js';
import { decide, windowEnd, type RateDecision, type RateLimiter, type RateRule } from './rate-limiter.js';

/** How often one process also clears ended windows as it writes (housekeeping does it hourly too). */
const FORGET_EVERY_MS = 60_000;

/**
 * Rate limits kept in the database, for PostgreSQL, where several instances serve one desk and
 * a limit held in one process's memory would multiply by the number of instances. Each attempt
 * is one upsert outside any transaction of the caller's, so a refused request writes nothing
 * else. Keys are keyed hashes (see security/source-address.ts); rows of ended windows are
 * deleted here, at most once a minute per process, and by housekeeping, so an address's trace
 * is gone within the hour of its window ending at the latest.
 */
export class SharedRateLimiter implements RateLimiter {
  private lastForget = 0;

  constructor(private readonly db: HavenDb) {}

  async hit(rule: RateRule, key: string, now: Date): Promise<RateDecision> {
    await this.forgetEnded(now);
    return decide(rule, await countAttempt(this.db, rule.name, key, windowEnd(rule, now)), true, now);
  }

  async peek(rule: RateRule, key: string, now: Date): Promise<RateDecision> {
    return decide(rule, await readAttempts(this.db, rule.name, key, windowEnd(rule, now)), false, now);
  }

  async claim(name: string, key: string, until: Date, now: Date): Promise<boolean> {
    await this.forgetEnded(now);
    // The window is the claim itself, ending when it does: the first insert counts 1, a replay more.
    return (await countAttempt(this.db, name, key, until.getTime())) === 1;
  }

  private async forgetEnded(now: Date): Promise<void> {
    const t = now.getTime();
    if (Math.abs(t - this.lastForget) < FORGET_EVERY_MS) return;
    this.lastForget = t;
    await forgetEndedCounts(this.db, now);
  }
}
