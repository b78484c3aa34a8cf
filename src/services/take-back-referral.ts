import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { endOpenReferral } from '../db/repositories/referrals.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { changeCaseStatus } from './change-case-status.js';
import { endWait } from './end-wait.js';
import type { ServiceContext } from './context.js';

/**
 * The desk takes a case back from the venue it was referred to: the referral ends, and a case
 * still waiting on the venue goes back under investigation with its clocks running again.
 */
export async function takeBackReferral(ctx: ServiceContext, actor: Actor, reference: string, reason: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot change cases.');
    const ended = await endOpenReferral(trx, kase.id, 'taken_back', now);
    if (ended === null) throw new AppError('conflict', 'The case waits on no referral.');
    const by = { kind: 'staff', id: actor.id } as const;
    if (kase.status === 'waiting' && kase.waiting?.on === 'outside_venue') {
      await changeCaseStatus(trx, kase, { to: 'investigating' }, by, now);
      await endWait(trx, kase, by, now);
    }
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id,
      type: 'referral_taken_back', detail: { venue: ended.venue, reason },
    }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.referral_taken_back', caseId: kase.id, detail: { referralId: ended.id, venue: ended.venue },
    });
  });
}
