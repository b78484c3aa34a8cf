import { newId } from '../shared/ids.js';
import { canOnCase, type Actor } from '../domain/access-policy.js';
import type { Severity } from '../domain/severity.js';
import { findCase, setAssignee } from '../db/repositories/cases.js';
import { insertEvent } from '../db/repositories/case-parts.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError, notFound } from './errors.js';
import type { ServiceContext } from './context.js';

/** Assigns a case to the acting staff member. Assigning to oneself twice changes nothing. */
export async function assignCaseToSelf(ctx: ServiceContext, actor: Actor, reference: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await findCase(trx, { reference });
    const record = kase === null ? null : { restrictedToGroup: kase.restrictedToGroup, severity: kase.severity as Severity };
    if (kase === null || record === null || !canOnCase(actor, 'case.view', record)) throw notFound();
    if (!canOnCase(actor, 'case.assign', record)) throw new AppError('forbidden', 'Your role cannot take cases.');
    if (kase.assigneeId === actor.id) return;
    await setAssignee(trx, kase.id, actor.id, now);
    await insertEvent(trx, {
      id: newId(now.getTime()), caseId: kase.id, type: 'case_assigned', at: now, actorKind: 'staff', actorId: actor.id,
      detail: kase.assigneeUsername === null ? null : `previously ${kase.assigneeUsername}`,
    });
    await appendAudit(trx, ctx.dialect, {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.assigned', caseId: kase.id,
      detail: { from: kase.assigneeId, to: actor.id },
    });
  });
}
