import { auditChain } from './audit-chain.js';
import { isStaffRole, STAFF_ROLES, type StaffRole } from '../domain/access-policy.js';
import { setDeskRole } from '../db/repositories/staff-desk-roles.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { findAccountOrRefuse, findDeskOrRefuse } from './find-desk.js';
import type { ServiceContext } from './context.js';

/**
 * Gives a staff member a role on a desk, or changes the role they hold there; their roles on
 * other desks stay as they are. Audited with the role it replaced. `by` is null from the CLI.
 */
export async function grantDeskRole(
  ctx: ServiceContext, input: { username: string; desk: string; role: string }, by: string | null,
): Promise<{ role: StaffRole; previous: StaffRole | null; desk: string }> {
  const role = input.role;
  if (!isStaffRole(role)) {
    throw new AppError('validation_failed', `The role must be one of: ${STAFF_ROLES.join(', ')}.`, [{ path: 'role', message: 'Unknown role.' }]);
  }
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await findDeskOrRefuse(trx, input.desk);
    const user = await findAccountOrRefuse(trx, input.username);
    const previous = await setDeskRole(trx, { userId: user.id, deskId: desk.id, role, now });
    if (previous !== role) {
      await appendAudit(trx, auditChain(ctx), {
        at: now, actorKind: by === null ? 'system' : 'staff', actorId: by, action: 'staff.role_granted', caseId: null,
        detail: { staffId: user.id, deskId: desk.id, role, previous },
      });
    }
    return { role, previous, desk: desk.slug };
  });
}
