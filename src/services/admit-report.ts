import { rateLimiterOf, type RateRule } from './rate-limiter.js';
import { sourceKey } from './security/source-address.js';
import { checkPowSolution, issuePowChallenge, type PowChallenge } from './security/proof-of-work.js';
import type { ServiceContext } from './context.js';

/** How much intake Haven takes before it pushes back (HAVEN_INTAKE_PER_SOURCE, HAVEN_INTAKE_PER_MINUTE). */
export interface IntakeLimits {
  /** Reports one source address may send in ten minutes. */
  perSource: number;
  /** Reports all sources together may send in a minute without a proof of work. */
  perMinute: number;
  /** The largest number a challenge hides: the work is about half of it in SHA-256 rounds. */
  powMaxNumber: number;
}

export const DEFAULT_INTAKE_LIMITS: IntakeLimits = { perSource: 20, perMinute: 120, powMaxNumber: 50_000 };

const SOURCE_WINDOW_MS = 10 * 60_000;
const OVERALL_KEY = 'all';
/** Intake is "under pressure" once half the minute's overall budget is used: the challenge starts then. */
const PRESSURE_SHARE = 0.5;
/** A challenge must be solved and sent within this time (a reporter may take a while to type). */
const POW_LIFETIME_MS = 30 * 60_000;

const limitsOf = (ctx: ServiceContext): IntakeLimits => ctx.intakeLimits ?? DEFAULT_INTAKE_LIMITS;
const sourceRule = (l: IntakeLimits): RateRule => ({ name: 'intake-source', limit: l.perSource, windowMs: SOURCE_WINDOW_MS });
const overallRule = (l: IntakeLimits): RateRule => ({ name: 'intake-all', limit: l.perMinute, windowMs: 60_000 });

/** Whether a report may be filed now, or why not and when to try again. */
export type Admission = { admitted: true } | { admitted: false; reason: 'source' | 'overall'; retryAfterSeconds: number };

/**
 * Decides whether one report may be filed, before anything of it is written. A source past its
 * own limit is refused (429), and only that source: it is counted under its own key, so one
 * flooding address never uses up anyone else's room. Other reports count towards the overall
 * limit; past it, a report is refused (503) unless it carries a solved, unused challenge, which
 * a browser running the form's script sends. The source address is kept only as a keyed hash.
 */
export async function admitReport(ctx: ServiceContext, request: { source: string | null; pow: string | null }): Promise<Admission> {
  const limits = limitsOf(ctx);
  const limiter = rateLimiterOf(ctx);
  const now = ctx.now();
  if (request.source !== null) {
    const own = await limiter.hit(sourceRule(limits), sourceKey(ctx.cipher, request.source), now);
    if (!own.allowed) return { admitted: false, reason: 'source', retryAfterSeconds: own.retryAfterSeconds };
  }
  const proved = request.pow !== null && await acceptProof(ctx, request.pow, now);
  const overall = await limiter.hit(overallRule(limits), OVERALL_KEY, now);
  if (!overall.allowed && !proved) return { admitted: false, reason: 'overall', retryAfterSeconds: overall.retryAfterSeconds };
  return { admitted: true };
}

/** Whether intake is under pressure now, so the form should carry a challenge. Counts nothing. */
export async function isIntakeUnderPressure(ctx: ServiceContext): Promise<boolean> {
  const limits = limitsOf(ctx);
  const overall = await rateLimiterOf(ctx).peek(overallRule(limits), OVERALL_KEY, ctx.now());
  return overall.count >= Math.ceil(limits.perMinute * PRESSURE_SHARE);
}

/** A challenge for the form, under pressure; null otherwise (the form then loads no script). */
export async function intakeChallenge(ctx: ServiceContext): Promise<PowChallenge | null> {
  if (!(await isIntakeUnderPressure(ctx))) return null;
  return issuePowChallenge(ctx.cipher, ctx.now(), limitsOf(ctx).powMaxNumber, POW_LIFETIME_MS);
}

/** A proof is good once: right, ours, unexpired, and not sent before (by this or any instance). */
export async function acceptProof(ctx: ServiceContext, payload: string, now: Date): Promise<boolean> {
  const check = checkPowSolution(ctx.cipher, payload, now);
  if (!check.ok) return false;
  return rateLimiterOf(ctx).claim('intake-pow', check.challenge, check.expiresAt, now);
}
