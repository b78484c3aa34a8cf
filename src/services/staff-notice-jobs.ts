import { newId } from '../shared/ids.js';
import { canOnCase } from '../domain/access-policy.js';
import type { CaseRecord } from '../db/repositories/cases.js';
import { listReminderRecipients } from '../db/repositories/staff.js';
import type { NewJob } from '../db/repositories/jobs.js';
import type { HavenDb } from '../db/connection.js';
import { STAFF_NOTICE_EMAIL_JOB, type StaffNoticePayload, type StaffNoticeReason } from './job-kinds.js';

/**
 * The notice emails about a case for the staff who should hear of it: `to: 'assignee'` tells
 * the holder (the desk when nobody holds it), `to: 'desk'` everyone on the desk. Like a
 * reminder, only people who may work this very case (its desk, its group if restricted), and
 * only those who left an address; the timeline records the event for everyone else.
 */
export async function staffNoticeJobs(
  trx: HavenDb, kase: CaseRecord, notice: { reason: StaffNoticeReason; to: 'assignee' | 'desk'; days?: number; now: Date },
): Promise<NewJob[]> {
  const onlyIds = notice.to === 'assignee' && kase.assigneeId !== null ? [kase.assigneeId] : undefined;
  const recipients = (await listReminderRecipients(trx, { deskId: kase.deskId, onlyIds })).filter((r) =>
    canOnCase({ kind: 'staff', id: r.id, roles: new Map([[kase.deskId, r.role]]), groups: r.groups }, 'case.update', kase));
  return recipients.map((r) => {
    const payload: StaffNoticePayload = { caseId: kase.id, staffId: r.id, reason: notice.reason, ...(notice.days === undefined ? {} : { days: notice.days }) };
    return { id: newId(notice.now.getTime()), kind: STAFF_NOTICE_EMAIL_JOB, payload, runAt: notice.now, maxAttempts: 8 };
  });
}
