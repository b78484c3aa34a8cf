import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { canOnCase } from '../domain/access-policy.js';
import { isOpen } from '../domain/case-lifecycle.js';
import { decideReminder } from '../domain/update-promises.js';
import { findCase } from '../db/repositories/cases.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { completeJob, enqueueJobs, type NewJob } from '../db/repositories/jobs.js';
import { listReminderRecipients } from '../db/repositories/staff.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { ServiceContext } from './context.js';
import {
  CASE_REMINDER_JOB, STAFF_REMINDER_EMAIL_JOB, type CaseReminderPayload, type StaffReminderPayload,
} from './job-kinds.js';

/**
 * A case clock has come due. If it still stands (no reply since, case open), the
 * reminder goes on the timeline, an email is queued for the assignee (or, unassigned or a day
 * late, for everyone on the case's desk who may work the case), and the next stage is scheduled.
 *
 * Everything it does is database writes, so it marks its own job done in the same
 * transaction: a worker that dies after the commit cannot run it again, and one that dies
 * before leaves nothing behind. Returns false when the lease was lost (another worker has it).
 */
export async function runCaseReminder(
  ctx: ServiceContext, job: { id: string; workerId: string }, payload: CaseReminderPayload,
): Promise<'reminded' | 'stale' | 'lease_lost'> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await completeJob(trx, { id: job.id, workerId: job.workerId, now }))) return 'lease_lost';
    const kase = await findCase(trx, { id: payload.caseId });
    if (kase === null) return 'stale';
    const dueAt = new Date(payload.dueAt);
    const decision = decideReminder(
      { clock: payload.clock, stage: payload.stage, dueAt },
      { isOpen: isOpen(kase.status), firstResponded: kase.firstRespondedAt !== null, urgentAt: kase.urgentAt, assigneeId: kase.assigneeId,
        waiting: kase.waiting !== null },
    );
    if (!decision.act) return 'stale';
    const onlyAssignee = decision.notify === 'assignee' && kase.assigneeId !== null ? [kase.assigneeId] : undefined;
    // Everyone reminded must be able to open and work the case: staff of its desk only, and of
    // a restricted case only its group's members.
    const recipients = (await listReminderRecipients(trx, { deskId: kase.deskId, onlyIds: onlyAssignee })).filter((r) =>
      canOnCase({ kind: 'staff', id: r.id, roles: new Map([[kase.deskId, r.role]]), groups: r.groups }, 'case.update', kase));
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'system', actorId: null,
      type: decision.eventType, detail: { dueAt: payload.dueAt },
    }]);
    const jobs: NewJob[] = recipients.map((r) => {
      const email: StaffReminderPayload = { caseId: kase.id, staffId: r.id, reason: decision.eventType, dueAt: payload.dueAt };
      return { id: newId(now.getTime()), kind: STAFF_REMINDER_EMAIL_JOB, payload: email, runAt: now, maxAttempts: 8 };
    });
    if (decision.next !== null) {
      const next: CaseReminderPayload = { ...payload, stage: decision.next.stage };
      jobs.push({ id: newId(now.getTime()), kind: CASE_REMINDER_JOB, payload: next, runAt: decision.next.runAt, maxAttempts: 8 });
    }
    await enqueueJobs(trx, jobs, now);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'system', actorId: null, action: 'case.reminder_sent', caseId: kase.id,
      detail: { reason: decision.eventType, dueAt: payload.dueAt, recipients: recipients.map((r) => r.id) },
    });
    return 'reminded';
  });
}
