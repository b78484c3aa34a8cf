import { newId } from '../shared/ids.js';
import { isCaseStatus, isOpen, transition } from '../domain/case-lifecycle.js';
import { DEFAULT_FIRST_RESPONSE_HOURS } from '../domain/first-response-clock.js';
import { isSeverity } from '../domain/severity.js';
import { clockAfterReporterMessage } from '../domain/update-promises.js';
import { insertEvent, insertEvidenceLinks } from '../db/repositories/case-parts.js';
import { insertMessage } from '../db/repositories/messages.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { applyReporterMessage, findCase } from '../db/repositories/cases.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import type { ReporterSessionRow } from '../db/repositories/reporter-access.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';
import { CASE_REMINDER_JOB, type CaseReminderPayload } from './job-kinds.js';

export interface ReporterUpdate { text: string; links: string[] }

/**
 * A reporter adds information to their case: a message in their thread, new links, a
 * timeline event. New information is owed an answer: a closed case reopens, and the case's
 * deadline moves up to the first-response window if it was further off, with a reminder.
 */
export async function addReporterInformation(ctx: ServiceContext, session: ReporterSessionRow, update: ReporterUpdate): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await findCase(trx, { id: session.caseId });
    if (kase === null) throw new AppError('not_found', 'This case is no longer available.');
    if (!isCaseStatus(kase.status) || !isSeverity(kase.severity)) throw new Error(`Case ${kase.reference} has an unknown status or severity`);
    await insertMessage(trx, {
      id: newId(now.getTime()), caseId: kase.id, audience: `party:${session.partyId}`, body: update.text,
      authorKind: 'reporter', authorId: session.partyId, createdAt: now,
    });
    await insertEvidenceLinks(trx, update.links.map((url) => ({ id: newId(now.getTime()), caseId: kase.id, url, suppliedBy: 'reporter', addedAt: now })));
    await insertEvent(trx, {
      id: newId(now.getTime()), caseId: kase.id, type: 'reporter_added_information', at: now,
      actorKind: 'reporter', actorId: session.partyId, detail: update.text,
    });
    const closed = !isOpen(kase.status);
    const reopened = closed ? transition({ status: kase.status, requiresReview: false, requiredSignOffs: 0, signOffs: 0 }, { to: 'investigating' }, now) : null;
    if (reopened?.ok === false) throw new Error(reopened.message);
    if (reopened?.ok === true) {
      await insertEvent(trx, {
        id: newId(now.getTime()), caseId: kase.id, type: 'status_changed', at: now, actorKind: 'reporter', actorId: session.partyId,
        detail: `${reopened.event.from} → ${reopened.event.to}`,
      });
    }
    const clock = clockAfterReporterMessage({
      now, status: kase.status === 'new' ? 'new' : closed ? 'closed' : 'open', urgentAt: kase.urgentAt,
      responseHours: DEFAULT_FIRST_RESPONSE_HOURS[kase.severity],
    });
    await applyReporterMessage(trx, kase.id, { reopenTo: reopened?.ok === true ? reopened.status : null, urgentAt: clock?.dueAt ?? null, now });
    if (clock !== null) {
      const payload: CaseReminderPayload = { caseId: kase.id, clock: clock.clock, stage: 'due', dueAt: clock.dueAt.toISOString() };
      await enqueueJobs(trx, [{ id: newId(now.getTime()), kind: CASE_REMINDER_JOB, payload, runAt: clock.dueAt, maxAttempts: 8 }], now);
    }
    await appendAudit(trx, ctx.dialect, {
      at: now, actorKind: 'reporter', actorId: session.partyId, action: 'case.reporter_added_information',
      caseId: kase.id, detail: { links: update.links.length, reopened: reopened?.ok === true, replyOwedBy: clock?.dueAt.toISOString() ?? null },
    });
  });
}
