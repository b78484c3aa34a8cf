import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { claimCase, findCase } from '../db/repositories/cases.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { listMissingTraining } from '../db/repositories/training-requirements.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';

/**
 * The acting staff member takes a case. A case held by someone else is not taken silently:
 * without `takeOver` the claim is refused with the holder's name, so two handlers never both
 * believe they own it; with it the hand-over is recorded on the timeline. Taking a case one
 * already holds changes nothing. A desk that requires training modules gives its cases only to
 * those who have completed them (`training_required`, naming what is missing).
 */
export async function assignCaseToSelf(
  ctx: ServiceContext, actor: Actor, reference: string, options: { takeOver?: boolean } = {},
): Promise<void> {
  const now = ctx.now();
  const takeOver = options.takeOver === true;
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.assign', { reference });
    if (kase.assigneeId === actor.id) return;
    const missing = await listMissingTraining(trx, { deskId: kase.deskId, staffId: actor.id });
    if (missing.length > 0) {
      const titles = missing.map((m) => m.moduleTitle).join('; ');
      throw new AppError('training_required', `This desk asks that you complete its training before taking cases: ${titles}.`, undefined,
        missing.map((m) => ({ id: m.moduleId, title: m.moduleTitle })));
    }
    // The holder read above may be stale: the claim itself re-checks in one statement.
    if (!(await claimCase(trx, { caseId: kase.id, assigneeId: actor.id, takeOver, now }))) {
      const holder = (await findCase(trx, { id: kase.id }))?.assigneeUsername ?? 'another staff member';
      throw new AppError('held_by_other', `${holder} is handling this case. Take it over only if you have agreed it with them.`);
    }
    const previous = kase.assigneeId === null || kase.assigneeUsername === null ? null : { id: kase.assigneeId, username: kase.assigneeUsername };
    const by = { id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id } as const;
    await recordEvents(trx, [previous === null ? { ...by, type: 'case_assigned', detail: null } : { ...by, type: 'case_taken_over', detail: { from: previous } }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: previous === null ? 'case.assigned' : 'case.taken_over', caseId: kase.id,
      detail: { from: kase.assigneeId, to: actor.id },
    });
  });
}
