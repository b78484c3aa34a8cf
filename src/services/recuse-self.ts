import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import { appendAuditEntries } from '../db/repositories/audit-log.js';
import { loadCaseFor } from './case-access.js';
import { recuseStaff } from './recuse-staff.js';
import type { ServiceContext } from './context.js';

/**
 * A staff member with a conflict of interest steps away from a case: from the next request on
 * it does not exist for them (a recusal cannot be lifted by the person recused). A case they
 * held is freed. The reason is optional and stays on the timeline for the rest of the desk.
 */
export async function recuseSelf(ctx: ServiceContext, actor: Actor, reference: string, reason: string | null): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.view', { reference });
    const audit = await recuseStaff(trx, { caseId: kase.id, userIds: [actor.id], source: 'self', reason, cause: { kind: 'staff', id: actor.id }, now });
    await appendAuditEntries(trx, auditChain(ctx), audit);
  });
}
