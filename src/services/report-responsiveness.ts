import { auditChain } from './audit-chain.js';
import { desksOf, type Actor } from '../domain/access-policy.js';
import { addMonths, checkMonthRange, defaultMonthRange, monthsInRange, type MonthRange } from '../domain/reporting-counts.js';
import { monthlyResponsiveness, promiseStates, type MonthlyResponsiveness } from '../domain/promise-record.js';
import { PROMISE_MAX_DAYS } from '../domain/update-promises.js';
import { listFirstResponses, listStaffThreadMessages } from '../db/repositories/responsiveness.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

const DAY = 86_400_000;

/**
 * How the desk keeps its word, per month: the share of promised updates that were kept, and the
 * median time to a first response. Numbers only, for every staff role, over the desks where the
 * actor holds a role; each read is audited, like the counts. Read outside a transaction so a
 * long read does not hold SQLite's write lock against intake.
 */
export async function reportResponsiveness(
  ctx: ServiceContext, actor: Actor, input: { from?: string | undefined; to?: string | undefined },
): Promise<{ from: string; to: string; months: MonthlyResponsiveness[] }> {
  const now = ctx.now();
  const fallback = defaultMonthRange(now);
  const range: MonthRange = { from: input.from ?? fallback.from, to: input.to ?? fallback.to };
  const problem = checkMonthRange(range);
  if (problem !== null) {
    throw new AppError('validation_failed', 'Some fields need attention.', [{ path: 'to', message: problem === 'reversed' ? 'The last month must not come before the first.' : 'At most 120 months.' }]);
  }
  const since = new Date(`${range.from}-01T00:00:00.000Z`);
  const until = new Date(`${addMonths(range.to, 1)}-01T00:00:00.000Z`);
  const deskIds = desksOf(actor);
  // A promise due in the range was made at most PROMISE_MAX_DAYS before it; the message that
  // answers it may come after the range ends, so read both margins.
  const messages = await listStaffThreadMessages(ctx.db, {
    deskIds, since: new Date(since.getTime() - PROMISE_MAX_DAYS * DAY), until: new Date(Math.max(until.getTime(), now.getTime()) + DAY),
  });
  const states = promiseStates(messages.map((m) => ({ ...m, audience: `${m.caseId}/${m.audience}`, fromStaff: true })), now);
  const promises = messages.flatMap((m) => {
    const state = states.get(m.id);
    return m.promisedUpdateBy === null || state === undefined ? [] : [{ dueAt: m.promisedUpdateBy, state }];
  });
  const cases = await listFirstResponses(ctx.db, { deskIds, since, until });
  await appendAudit(ctx.db, auditChain(ctx), {
    at: now, actorKind: 'staff', actorId: actor.id, action: 'reporting.responsiveness_viewed', caseId: null, detail: { from: range.from, to: range.to },
  });
  return { ...range, months: monthlyResponsiveness(monthsInRange(range), promises, cases) };
}
