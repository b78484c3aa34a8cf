import { auditChain } from './audit-chain.js';
import { desksOf, type Actor } from '../domain/access-policy.js';
import { CATEGORIES } from '../domain/categories.js';
import { buildCountsTable, checkMonthRange, defaultMonthRange, type CountsTable, type MonthRange } from '../domain/reporting-counts.js';
import { countCasesByMonthAndCategory } from '../db/repositories/reporting.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

const RANGE_MESSAGES = {
  reversed: 'The last month must not come before the first.',
  too_long: 'A report covers at most 120 months.',
} as const;

/**
 * Cases received per category and UTC month on the desks where the actor holds a role, for any
 * staff member: the counts are aggregate, and restricted cases add to them only as numbers.
 * With `publication`, small counts and the totals that would reveal them are suppressed. Each
 * read is audited.
 */
export async function countCasesByMonth(
  ctx: ServiceContext,
  actor: Actor,
  input: { from?: string | undefined; to?: string | undefined; publication: boolean },
): Promise<CountsTable> {
  const fallback = defaultMonthRange(ctx.now());
  const range: MonthRange = { from: input.from ?? fallback.from, to: input.to ?? fallback.to };
  // Given one end only, the other comes from the default, so this check also catches a lone
  // `from` after the current month.
  const problem = checkMonthRange(range);
  if (problem !== null) {
    throw new AppError('validation_failed', 'Some fields need attention.', [{ path: 'to', message: RANGE_MESSAGES[problem] }]);
  }
  // The read runs outside a transaction: on SQLite a transaction would hold the write lock for
  // the whole scan and make intake wait. The audit row is written after the read succeeds and
  // before anything is returned, so no counts leave without a record of who asked.
  const cells = await countCasesByMonthAndCategory(ctx.db, ctx.dialect, { ...range, deskIds: desksOf(actor) });
  await appendAudit(ctx.db, auditChain(ctx), {
    at: ctx.now(), actorKind: 'staff', actorId: actor.id, action: 'reporting.counts_viewed', caseId: null,
    detail: { from: range.from, to: range.to, publication: input.publication },
  });
  return buildCountsTable({ range, categories: CATEGORIES, cells, publication: input.publication });
}
