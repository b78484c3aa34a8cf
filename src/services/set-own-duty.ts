import { auditChain } from './audit-chain.js';
import { roleOn, type Actor } from '../domain/access-policy.js';
import { mayBeOnDuty, type Availability } from '../domain/emergency.js';
import { findDeskBySlug } from '../db/repositories/desks.js';
import { readEmergencySettings, setDuty } from '../db/repositories/emergency.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/**
 * A staff member marks themself available or away for emergencies on a desk, or back to the
 * rota. Only those who may be on duty there: escalation members, or anyone when the desk says
 * so. A desk where they hold no role is answered like one that does not exist. Audited.
 */
export async function setOwnDuty(ctx: ServiceContext, actor: Actor, input: { deskSlug: string; availability: Availability }): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const desk = await findDeskBySlug(trx, input.deskSlug);
    const role = desk === null ? null : roleOn(actor, desk.id);
    if (desk === null || role === null) throw new AppError('not_found', 'There is no such desk, or you do not work on it.');
    const anyRole = (await readEmergencySettings(trx, [desk.id])).get(desk.id)?.anyRoleOnDuty ?? false;
    if (!mayBeOnDuty(role, anyRole)) throw new AppError('forbidden', 'On this desk only escalation members are on duty for emergencies.');
    await setDuty(trx, { userId: actor.id, deskId: desk.id, availability: input.availability, at: now });
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'staff.duty_changed', caseId: null, detail: { deskId: desk.id, availability: input.availability },
    });
  });
}
