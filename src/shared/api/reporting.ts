import { z } from 'zod';
import { isMonth } from '../../domain/reporting-counts.js';

const Month = z.string().refine(isMonth, { message: 'A month looks like 2026-03 (year, then month).' });

export const CountsQuery = z.strictObject({
  /** First month counted, inclusive; default: eleven months before the current one. */
  from: Month.optional(),
  /** Last month counted, inclusive; default: the current month (UTC). */
  to: Month.optional(),
  /** Suppress counts under 5, and the totals that would reveal them, for anything published. */
  publication: z.enum(['true', 'false']).optional().transform((value) => value === 'true'),
});
/** The query as the console builds it, before it becomes URL parameters. */
export type CountsQuery = z.output<typeof CountsQuery>;

const Count = z.number().int().nonnegative().nullable();

/**
 * Cases received by UTC month and category; a null count was suppressed for publication.
 * This is the domain's `CountsTable` (src/domain/reporting-counts.ts) on the wire;
 * `reporting.test.ts` fails to compile when the two differ.
 */
export const CaseCounts = z.object({
  from: z.string(),
  to: z.string(),
  months: z.array(z.string()),
  // Plain strings, not the category enum: cases filed under a category the catalog has
  // since dropped still count, after the known ones, so the totals add up.
  categories: z.array(z.string()),
  rows: z.array(z.object({ month: z.string(), category: z.string(), count: Count })),
  totals: z.object({
    byMonth: z.array(z.object({ month: z.string(), count: Count })),
    byCategory: z.array(z.object({ category: z.string(), count: Count })),
    all: Count,
  }),
  /** The threshold under which counts were suppressed, or null when nothing was. */
  suppressedBelow: z.number().int().nullable(),
});
export type CaseCounts = z.infer<typeof CaseCounts>;

export const ResponsivenessQuery = z.strictObject({
  /** First month, inclusive; default: eleven months before the current one. */
  from: Month.optional(),
  /** Last month, inclusive; default: the current month (UTC). */
  to: Month.optional(),
});
export type ResponsivenessQuery = z.output<typeof ResponsivenessQuery>;

/**
 * Per UTC month: promises kept and broken (by the month they fell due; pending ones are not
 * counted) with the share kept, and the median time to first response of the cases received
 * that month. This is the domain's `MonthlyResponsiveness` on the wire.
 */
export const Responsiveness = z.object({
  from: z.string(),
  to: z.string(),
  months: z.array(z.object({
    month: z.string(),
    promisesKept: z.number().int().nonnegative(),
    promisesBroken: z.number().int().nonnegative(),
    shareKept: z.number().min(0).max(1).nullable(),
    firstResponses: z.number().int().nonnegative(),
    medianFirstResponseMs: z.number().nonnegative().nullable(),
  })),
});
export type Responsiveness = z.infer<typeof Responsiveness>;
