import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import { clearSecondFactor } from '../db/repositories/staff-second-factor.js';
import { deleteSessionsOf } from '../db/repositories/staff-sessions.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { administeredPerson, refuseSelf } from './staff-admin-scope.js';
import type { ServiceContext } from './context.js';

/**
 * Removes someone's second factor (a lost phone, no recovery codes left) and ends their
 * sessions: they sign in with their password and, where it is required, enrol again.
 */
export async function resetSecondFactor(ctx: ServiceContext, actor: Actor, staffId: string): Promise<void> {
  refuseSelf(actor, staffId, 'reset the second factor of');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await administeredPerson(trx, actor, staffId);
    await clearSecondFactor(trx, staffId);
    const sessions = await deleteSessionsOf(trx, staffId);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'staff.second_factor_reset', caseId: null, detail: { staffId, sessions },
    });
  });
}
