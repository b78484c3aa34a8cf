import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { clockAfterReply } from '../domain/update-promises.js';
import { setUrgentAt } from '../db/repositories/cases.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { changeCaseStatus } from './change-case-status.js';
import { recordNote } from './record-note.js';
import type { ServiceContext } from './context.js';
import { CASE_REMINDER_JOB, type CaseReminderPayload } from './job-kinds.js';

/**
 * A handler reopens a closed case, giving the reason (kept as a private note). The lifecycle's
 * one way out of closed leads to `investigating`; the case is open again with a check-in clock
 * a quiet week out, so a reopened case cannot sit forgotten.
 */
export async function reopenCase(ctx: ServiceContext, actor: Actor, reference: string, reason: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot reopen cases.');
    if (kase.status !== 'closed') throw new AppError('illegal_transition', 'Only a closed case can be reopened; this one is still open.');
    await changeCaseStatus(trx, kase, { to: 'investigating' }, { kind: 'staff', id: actor.id }, now);
    const clock = clockAfterReply({ now, promisedBy: null });
    await setUrgentAt(trx, kase.id, { urgentAt: clock.dueAt, now });
    const reminder: CaseReminderPayload = { caseId: kase.id, clock: clock.clock, stage: 'due', dueAt: clock.dueAt.toISOString() };
    await enqueueJobs(trx, [{ id: newId(now.getTime()), kind: CASE_REMINDER_JOB, payload: reminder, runAt: clock.dueAt, maxAttempts: 8 }], now);
    const noteId = await recordNote(trx, { caseId: kase.id, staffId: actor.id, body: reason, now });
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: actor.id, action: 'case.reopened', caseId: kase.id, detail: { noteId } });
  });
}
