import { auditChain } from './audit-chain.js';
import type { Actor, StaffRole } from '../domain/access-policy.js';
import { removeDeskRole, setDeskRole } from '../db/repositories/staff-desk-roles.js';
import { countActiveAdmins } from '../db/repositories/staff-admin.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { administeredDesk, administeredPerson } from './staff-admin-scope.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/**
 * Gives someone a role on a desk the actor administers, changes it, or (role null) takes it
 * away. Only on the actor's own desks, and only for people already on one of them. A desk is
 * never left without an enabled admin. Audited like the CLI's grant and revoke.
 */
export async function setStaffDeskRole(
  ctx: ServiceContext, actor: Actor, input: { staffId: string; desk: string; role: StaffRole | null },
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const desk = await administeredDesk(trx, actor, input.desk);
    const roles = await administeredPerson(trx, actor, input.staffId);
    const previous = roles.get(desk.id) ?? null;
    if (previous === input.role) return;
    if (previous === 'admin' && (await countActiveAdmins(trx, desk.id)) <= 1) {
      throw new AppError('conflict', 'A desk needs at least one admin. Make someone else admin first.');
    }
    if (input.role === null) {
      await removeDeskRole(trx, { userId: input.staffId, deskId: desk.id });
      if (previous !== null) {
        await appendAudit(trx, auditChain(ctx), {
          at: now, actorKind: 'staff', actorId: actor.id, action: 'staff.role_revoked', caseId: null,
          detail: { staffId: input.staffId, deskId: desk.id, role: previous },
        });
      }
      return;
    }
    await setDeskRole(trx, { userId: input.staffId, deskId: desk.id, role: input.role, now });
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'staff.role_granted', caseId: null,
      detail: { staffId: input.staffId, deskId: desk.id, role: input.role, previous },
    });
  });
}
