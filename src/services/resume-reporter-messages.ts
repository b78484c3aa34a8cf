import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { findCase } from '../db/repositories/cases.js';
import { findPartyMessagesStopped, setPartyMessagesStopped, setWithdrawalRequested } from '../db/repositories/case-work.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { ReporterSessionRow } from '../db/repositories/reporter-access.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/**
 * A reporter who had asked to withdraw asks to hear from the desk again: Haven writes to them
 * again, and an undecided withdrawal request is taken back. Nothing happens if they never stopped.
 */
export async function resumeReporterMessages(ctx: ServiceContext, session: ReporterSessionRow): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await findCase(trx, { id: session.caseId });
    if (kase === null) throw new AppError('not_found', 'This case is no longer available.');
    if ((await findPartyMessagesStopped(trx, session.partyId)) === null) return;
    await setPartyMessagesStopped(trx, session.partyId, null);
    if (kase.withdrawalRequestedAt !== null) await setWithdrawalRequested(trx, kase.id, null, now);
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'reporter', actorId: session.partyId, type: 'reporter_messages_resumed', detail: null,
    }]);
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'reporter', actorId: session.partyId, action: 'case.reporter_messages_resumed', caseId: kase.id, detail: {} });
  });
}
