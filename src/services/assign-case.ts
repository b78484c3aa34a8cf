import { newId } from '../shared/ids.js';
import { canOnCase, type Actor } from '../domain/access-policy.js';
import type { Severity } from '../domain/severity.js';
import { claimCase, findCase } from '../db/repositories/cases.js';
import { insertEvent } from '../db/repositories/case-parts.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError, notFound } from './errors.js';
import type { ServiceContext } from './context.js';

/**
 * The acting staff member takes a case. A case held by someone else is not taken silently:
 * without `takeOver` the claim is refused with the holder's name, so two handlers never both
 * believe they own it; with it the hand-over is recorded on the timeline. Taking a case one
 * already holds changes nothing.
 */
export async function assignCaseToSelf(
  ctx: ServiceContext, actor: Actor, reference: string, options: { takeOver?: boolean } = {},
): Promise<void> {
  const now = ctx.now();
  const takeOver = options.takeOver === true;
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await findCase(trx, { reference });
    const record = kase === null ? null : { restrictedToGroup: kase.restrictedToGroup, severity: kase.severity as Severity };
    if (kase === null || record === null || !canOnCase(actor, 'case.view', record)) throw notFound();
    if (!canOnCase(actor, 'case.assign', record)) throw new AppError('forbidden', 'Your role cannot take cases.');
    if (kase.assigneeId === actor.id) return;
    // The holder read above may be stale: the claim itself re-checks in one statement.
    if (!(await claimCase(trx, { caseId: kase.id, assigneeId: actor.id, takeOver, now }))) {
      const holder = (await findCase(trx, { id: kase.id }))?.assigneeUsername ?? 'another staff member';
      throw new AppError('held_by_other', `${holder} is handling this case. Take it over only if you have agreed it with them.`);
    }
    const previous = kase.assigneeUsername;
    await insertEvent(trx, {
      id: newId(now.getTime()), caseId: kase.id, type: previous === null ? 'case_assigned' : 'case_taken_over', at: now,
      actorKind: 'staff', actorId: actor.id, detail: previous === null ? null : `from ${previous}`,
    });
    await appendAudit(trx, ctx.dialect, {
      at: now, actorKind: 'staff', actorId: actor.id, action: previous === null ? 'case.assigned' : 'case.taken_over', caseId: kase.id,
      detail: { from: kase.assigneeId, to: actor.id },
    });
  });
}
