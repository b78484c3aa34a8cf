import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { findOpenReferral, setReferralAnswer } from '../db/repositories/referrals.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';

/**
 * A handler records the venue's answer to the case's open referral. The case keeps waiting: the
 * handler then closes it as referred, or takes it back. The words stay in the referral record;
 * the timeline and the audit log say that an answer came.
 */
export async function answerReferral(ctx: ServiceContext, actor: Actor, reference: string, answer: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot change cases.');
    const open = await findOpenReferral(trx, kase.id);
    if (open === null) throw new AppError('conflict', 'The case waits on no referral.');
    await setReferralAnswer(trx, { id: open.id, answer, at: now, by: actor.id });
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'referral_answered', detail: { venue: open.venue },
    }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.referral_answered', caseId: kase.id, detail: { referralId: open.id, venue: open.venue },
    });
  });
}
