import { auditChain } from './audit-chain.js';
import type { StaffRole } from '../domain/access-policy.js';
import { removeDeskRole } from '../db/repositories/staff-desk-roles.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { findAccountOrRefuse, findDeskOrRefuse } from './find-desk.js';
import type { ServiceContext } from './context.js';

/**
 * Takes away a staff member's role on a desk: from their next request on, its cases no longer
 * exist for them. Their roles elsewhere stay. Returns the role they held (null: none, nothing
 * changed, nothing audited).
 */
export async function revokeDeskRole(
  ctx: ServiceContext, input: { username: string; desk: string }, by: string | null,
): Promise<StaffRole | null> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await findDeskOrRefuse(trx, input.desk);
    const user = await findAccountOrRefuse(trx, input.username);
    const previous = await removeDeskRole(trx, { userId: user.id, deskId: desk.id });
    if (previous !== null) {
      await appendAudit(trx, auditChain(ctx), {
        at: now, actorKind: by === null ? 'system' : 'staff', actorId: by, action: 'staff.role_revoked', caseId: null,
        detail: { staffId: user.id, deskId: desk.id, role: previous },
      });
    }
    return previous;
  });
}
