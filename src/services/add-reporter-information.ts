import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { isOpen } from '../domain/case-lifecycle.js';
import { DEFAULT_FIRST_RESPONSE_HOURS } from '../domain/first-response-clock.js';
import { clockAfterReporterMessage } from '../domain/update-promises.js';
import { insertEvidenceLinks } from '../db/repositories/case-parts.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { insertMessage } from '../db/repositories/messages.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { findCase, setUrgentAt } from '../db/repositories/cases.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import type { ReporterSessionRow } from '../db/repositories/reporter-access.js';
import { AppError } from './errors.js';
import { changeCaseStatus } from './change-case-status.js';
import { endWait } from './end-wait.js';
import { staffNoticeJobs } from './staff-notice-jobs.js';
import type { ServiceContext } from './context.js';
import { CASE_REMINDER_JOB, type CaseReminderPayload } from './job-kinds.js';
import { insertEvidenceFiles } from '../db/repositories/evidence-files.js';
import { sealEvidenceFiles, type PreparedFile } from './evidence-file-sealing.js';

export interface ReporterUpdate {
  text: string; links: string[];
  /** Files attached, checked and stripped (see evidence-file-sealing.ts); they commit with the update. */
  files?: readonly PreparedFile[];
}

/**
 * A reporter adds information to their case: a message in their thread, new links, a
 * timeline event. New information is owed an answer: a closed case reopens, a waiting case
 * goes back to investigation with its clocks running again (and its handler is told), and the
 * case's deadline moves up to the first-response window if it was further off, with a reminder.
 */
export async function addReporterInformation(ctx: ServiceContext, session: ReporterSessionRow, update: ReporterUpdate): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await findCase(trx, { id: session.caseId });
    if (kase === null) throw new AppError('not_found', 'This case is no longer available.');
    const messageId = newId(now.getTime());
    await insertMessage(trx, {
      id: messageId, caseId: kase.id, audience: `party:${session.partyId}`, body: update.text,
      authorKind: 'reporter', authorId: session.partyId, createdAt: now,
    });
    await insertEvidenceLinks(trx, update.links.map((url) => ({ id: newId(now.getTime()), caseId: kase.id, url, suppliedBy: 'reporter', addedAt: now })));
    // The reporter's words stay in their message; the event points to it.
    await recordEvents(trx, [{
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'reporter', actorId: session.partyId,
      type: 'reporter_added_information', detail: { messageId, links: update.links.length },
    }]);
    const files = update.files ?? [];
    if (files.length > 0) {
      await insertEvidenceFiles(trx, sealEvidenceFiles(ctx, kase.id, session.partyId, files, now));
      await recordEvents(trx, [{
        id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'reporter', actorId: session.partyId,
        type: 'evidence_files_added', detail: { files: files.length },
      }]);
    }
    const closed = !isOpen(kase.status);
    const by = { kind: 'reporter', id: session.partyId } as const;
    if (closed) await changeCaseStatus(trx, kase, { to: 'investigating' }, by, now);
    let urgentAt = kase.urgentAt;
    if (kase.status === 'waiting') {
      await changeCaseStatus(trx, kase, { to: 'investigating' }, by, now);
      urgentAt = await endWait(trx, kase, by, now);
      await enqueueJobs(trx, await staffNoticeJobs(trx, kase, { reason: 'wait_ended', to: 'assignee', now }), now);
    }
    const clock = clockAfterReporterMessage({
      now, status: kase.status === 'new' ? 'new' : closed ? 'closed' : 'open', urgentAt,
      responseHours: DEFAULT_FIRST_RESPONSE_HOURS[kase.severity],
    });
    if (clock !== null) {
      await setUrgentAt(trx, kase.id, { urgentAt: clock.dueAt, now });
      const payload: CaseReminderPayload = { caseId: kase.id, clock: clock.clock, stage: 'due', dueAt: clock.dueAt.toISOString() };
      await enqueueJobs(trx, [{ id: newId(now.getTime()), kind: CASE_REMINDER_JOB, payload, runAt: clock.dueAt, maxAttempts: 8 }], now);
    }
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'reporter', actorId: session.partyId, action: 'case.reporter_added_information',
      caseId: kase.id, detail: { links: update.links.length, reopened: closed, replyOwedBy: clock?.dueAt.toISOString() ?? null },
    });
  });
}
