import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import type { Category } from '../domain/categories.js';
import type { Severity } from '../domain/severity.js';
import { firstResponseDueAt } from '../domain/first-response-clock.js';
import { setTriage } from '../db/repositories/cases.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import { loadCaseFor } from './case-access.js';
import { CASE_REMINDER_JOB, type CaseReminderPayload } from './job-kinds.js';
import type { ServiceContext } from './context.js';

/**
 * A handler changes a case's category and/or severity, with a reason that goes on the timeline.
 * The first-response clock is recomputed as intake would have set it from the received time, as
 * long as nobody has answered yet; once answered, the reply clocks own `urgent_at` and stay.
 */
export async function triageCase(
  ctx: ServiceContext, actor: Actor, reference: string, input: { category?: Category; severity?: Severity; reason: string },
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference });
    const category = input.category ?? kase.category;
    const severity = input.severity ?? kase.severity;
    const unanswered = kase.firstRespondedAt === null && kase.status !== 'closed';
    const dueAt = unanswered ? firstResponseDueAt(kase.receivedAt, severity) : kase.firstResponseDueAt;
    const urgentAt = unanswered ? dueAt : kase.urgentAt;
    await setTriage(trx, kase.id, { category, severity, firstResponseDueAt: dueAt, urgentAt, now });
    // The sweep reminds only of due times after its mark (about now); a severity raised so far
    // that the new due time has already passed gets its first reminder queued here instead.
    if (unanswered && kase.status === 'new' && dueAt.getTime() < now.getTime() && dueAt.getTime() < kase.firstResponseDueAt.getTime()) {
      const payload: CaseReminderPayload = { caseId: kase.id, clock: 'first_response', stage: 'due', dueAt: dueAt.toISOString() };
      await enqueueJobs(trx, [{ id: newId(now.getTime()), kind: CASE_REMINDER_JOB, payload, runAt: now, maxAttempts: 8 }], now);
    }
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'case_triaged',
      detail: { fromCategory: kase.category, toCategory: category, fromSeverity: kase.severity, toSeverity: severity, reason: input.reason.trim() },
    }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.triaged', caseId: kase.id,
      detail: { fromCategory: kase.category, toCategory: category, fromSeverity: kase.severity, toSeverity: severity },
    });
  });
}
