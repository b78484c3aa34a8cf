import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import { setDeskSecondFactor } from '../db/repositories/staff-admin.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { administeredDesk } from './staff-admin-scope.js';
import type { ServiceContext } from './context.js';

/**
 * A desk's admin requires a second factor of every role on the desk (admins need one
 * anyway), or stops requiring it. Felt on each person's next request: sessions without one
 * are asked to enrol.
 */
export async function requireDeskSecondFactor(ctx: ServiceContext, actor: Actor, input: { desk: string; required: boolean }): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const desk = await administeredDesk(trx, actor, input.desk);
    const previous = await setDeskSecondFactor(trx, desk.id, input.required);
    if (previous === input.required) return;
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'desk.second_factor_required', caseId: null,
      detail: { deskId: desk.id, required: input.required },
    });
  });
}
