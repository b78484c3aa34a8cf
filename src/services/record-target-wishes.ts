import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import type { TargetWishes } from '../domain/consent.js';
import { listParties } from '../db/repositories/case-parts.js';
import { saveTargetWishes } from '../db/repositories/target-wishes.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { partyNotFound } from './edit-party.js';
import type { ServiceContext } from './context.js';

/**
 * Records what the target said when the desk contacted them privately: whether they want
 * action, whether they agree to public steps (null: not asked, or no answer). It closes the
 * "contact the target" task; it does not stop the investigation, whatever the answer.
 */
export async function recordTargetWishes(
  ctx: ServiceContext, actor: Actor, reference: string, partyId: string, wishes: TargetWishes,
): Promise<TargetWishes & { recordedAt: Date }> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot change cases.');
    const party = (await listParties(trx, kase.id)).find((p) => p.id === partyId);
    if (party === undefined) throw partyNotFound();
    if (party.role !== 'target') {
      throw new AppError('validation_failed', 'Wishes are recorded for the target.', [{ path: 'partyId', message: 'Choose the target of the case.' }]);
    }
    await saveTargetWishes(trx, { partyId: party.id, caseId: kase.id, wishes, recordedAt: now, recordedBy: actor.id });
    await recordEvents(trx, [{ id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'target_wishes_recorded', detail: null }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.target_wishes_recorded', caseId: kase.id,
      detail: { partyId: party.id, wantsAction: wishes.wantsAction, agreesToPublicSteps: wishes.agreesToPublicSteps },
    });
  });
  return { ...wishes, recordedAt: now };
}
