import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { canOnCase } from '../domain/access-policy.js';
import { findCase } from '../db/repositories/cases.js';
import { latestClosing } from '../db/repositories/case-closings.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { completeJob, enqueueJobs, type NewJob } from '../db/repositories/jobs.js';
import { listReminderRecipients } from '../db/repositories/staff.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { ServiceContext } from './context.js';
import { STAFF_REMINDER_EMAIL_JOB, type FollowUpPayload, type StaffReminderPayload } from './job-kinds.js';

/**
 * The follow-up date of a closed case has come: the assignee (the desk, when nobody holds it)
 * is reminded to ask the reporter how they are doing now. Only while the case is still closed
 * with that date (a reopened case is being worked anyway). Database writes only, so it marks
 * its own job done in the same transaction, like `runCaseReminder`.
 */
export async function runFollowUp(
  ctx: ServiceContext, job: { id: string; workerId: string }, payload: FollowUpPayload,
): Promise<'reminded' | 'stale' | 'lease_lost'> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await completeJob(trx, { id: job.id, workerId: job.workerId, now }))) return 'lease_lost';
    const kase = await findCase(trx, { id: payload.caseId });
    if (kase?.status !== 'closed') return 'stale';
    const closing = await latestClosing(trx, kase.id);
    if (closing?.followUpAt?.toISOString() !== payload.dueAt) return 'stale';
    const onlyIds = kase.assigneeId === null ? undefined : [kase.assigneeId];
    const recipients = (await listReminderRecipients(trx, { deskId: kase.deskId, onlyIds })).filter((r) =>
      canOnCase({ kind: 'staff', id: r.id, roles: new Map([[kase.deskId, r.role]]), groups: r.groups }, 'case.update', kase));
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'system', actorId: null, type: 'follow_up_due', detail: { dueAt: payload.dueAt },
    }]);
    const jobs: NewJob[] = recipients.map((r) => {
      const email: StaffReminderPayload = { caseId: kase.id, staffId: r.id, reason: 'follow_up_due', dueAt: payload.dueAt };
      return { id: newId(now.getTime()), kind: STAFF_REMINDER_EMAIL_JOB, payload: email, runAt: now, maxAttempts: 8 };
    });
    await enqueueJobs(trx, jobs, now);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'system', actorId: null, action: 'case.follow_up_due', caseId: kase.id,
      detail: { dueAt: payload.dueAt, recipients: recipients.map((r) => r.id) },
    });
    return 'reminded';
  });
}
