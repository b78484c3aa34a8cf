import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { isOpen } from '../domain/case-lifecycle.js';
import { findCase } from '../db/repositories/cases.js';
import { setPartyMessagesStopped, setWithdrawalRequested } from '../db/repositories/case-work.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { ReporterSessionRow } from '../db/repositories/reporter-access.js';
import { AppError } from './errors.js';
import { staffNoticeJobs } from './staff-notice-jobs.js';
import type { ServiceContext } from './context.js';

/**
 * A reporter asks to withdraw their report. The wish is recorded on the case, the assignee
 * (or the desk) is told, and Haven stops writing to the reporter until they ask again. The
 * case stays as it is: a handler decides whether to close it as withdrawn or to keep
 * investigating. Asking twice records it once. Returns false when the case is already closed.
 */
export async function requestWithdrawal(ctx: ServiceContext, session: ReporterSessionRow): Promise<boolean> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await findCase(trx, { id: session.caseId });
    if (kase === null) throw new AppError('not_found', 'This case is no longer available.');
    if (!isOpen(kase.status)) return false;
    await setPartyMessagesStopped(trx, session.partyId, now);
    if (kase.withdrawalRequestedAt !== null) return true;
    await setWithdrawalRequested(trx, kase.id, now, now);
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'reporter', actorId: session.partyId, type: 'withdrawal_requested', detail: null,
    }]);
    await enqueueJobs(trx, await staffNoticeJobs(trx, kase, { reason: 'withdrawal_requested', to: 'assignee', now }), now);
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'reporter', actorId: session.partyId, action: 'case.withdrawal_requested', caseId: kase.id, detail: {} });
    return true;
  });
}
