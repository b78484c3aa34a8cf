import { newId } from '../shared/ids.js';
import { canOnCase, type Actor } from '../domain/access-policy.js';
import { isCaseStatus, isOpen, transition, type CaseStatus } from '../domain/case-lifecycle.js';
import type { Severity } from '../domain/severity.js';
import { checkPromise, clockAfterReply } from '../domain/update-promises.js';
import { findCase, setReplyClocks, type CaseRecord } from '../db/repositories/cases.js';
import { insertEvent, listParties } from '../db/repositories/case-parts.js';
import { insertMessage } from '../db/repositories/messages.js';
import { enqueueJobs, type NewJob } from '../db/repositories/jobs.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { HavenDb } from '../db/connection.js';
import { AppError, notFound } from './errors.js';
import type { ServiceContext } from './context.js';
import {
  CASE_REMINDER_JOB, REPLY_NOTICE_EMAIL_JOB, type CaseReminderPayload, type ReplyNoticePayload,
} from './job-kinds.js';

export interface ReplyInput {
  partyId: string;
  body: string;
  /** The next update promised to the reader; it becomes the case's deadline. */
  promiseUpdateBy: Date | null;
}

const PROMISE_REFUSALS = {
  in_the_past: 'The promised date has already passed. Choose a date ahead.',
  too_soon: 'Leave at least a few minutes to keep the promise.',
  too_far: 'Promise an update within 60 days; a date further off tells the reporter little.',
} as const;

/**
 * A handler writes to a party who can read replies (today: the reporter, on the status page).
 * The reply is the first response if none was made yet; its promise, or a check-in a week
 * out, becomes the case's next deadline with a reminder queued for it; the reader is told
 * by email, when they left an address, that a reply is waiting. All in one transaction.
 */
export async function sendReply(ctx: ServiceContext, actor: Actor, reference: string, input: ReplyInput): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await findCase(trx, { reference });
    const facts = kase === null ? null : { restrictedToGroup: kase.restrictedToGroup, severity: kase.severity as Severity };
    if (kase === null || facts === null || !canOnCase(actor, 'case.view', facts)) throw notFound();
    if (!canOnCase(actor, 'case.update', facts)) throw new AppError('forbidden', 'Your role cannot reply to reporters.');
    const status = knownStatus(kase.status);
    const party = (await listParties(trx, kase.id)).find((p) => p.id === input.partyId);
    if (party?.canReceiveReplies !== true) {
      throw new AppError('validation_failed', 'This person cannot receive replies.', [
        { path: 'partyId', message: 'Replies can go only to someone on this case who holds an access code.' },
      ]);
    }
    if (input.promiseUpdateBy !== null) checkReplyPromise(input.promiseUpdateBy, now, status);

    const messageId = newId(now.getTime());
    await insertMessage(trx, {
      id: messageId, caseId: kase.id, audience: `party:${party.id}`, body: input.body, authorKind: 'staff',
      authorId: actor.id, createdAt: now, promisedUpdateBy: input.promiseUpdateBy,
    });
    const clock = clockAfterReply({ now, promisedBy: input.promiseUpdateBy });
    const nextStatus = await acknowledgeIfNew(trx, kase, status, actor, now);
    // A reply on a closed case (a late answer to a question) sets no clock: nothing is open to chase.
    const open = isOpen(nextStatus);
    await setReplyClocks(trx, kase.id, {
      status: nextStatus, firstRespondedAt: kase.firstRespondedAt ?? now,
      nextUpdateDueAt: open ? clock.nextUpdateDueAt : null, urgentAt: open ? clock.dueAt : kase.urgentAt, now,
    });
    await insertEvent(trx, { id: newId(now.getTime()), caseId: kase.id, type: 'reply_sent', at: now, actorKind: 'staff', actorId: actor.id, detail: party.role });
    if (open && clock.nextUpdateDueAt !== null) {
      await insertEvent(trx, {
        id: newId(now.getTime()), caseId: kase.id, type: 'update_promised', at: now, actorKind: 'staff', actorId: actor.id,
        detail: clock.nextUpdateDueAt.toISOString(),
      });
    }
    const jobs: NewJob[] = [];
    if (open) {
      const reminder: CaseReminderPayload = { caseId: kase.id, clock: clock.clock, stage: 'due', dueAt: clock.dueAt.toISOString() };
      jobs.push({ id: newId(now.getTime()), kind: CASE_REMINDER_JOB, payload: reminder, runAt: clock.dueAt, maxAttempts: 8 });
    }
    if (party.hasContactEmail) {
      const notice: ReplyNoticePayload = { caseId: kase.id, partyId: party.id, messageId, language: kase.language };
      jobs.push({ id: newId(now.getTime()), kind: REPLY_NOTICE_EMAIL_JOB, payload: notice, runAt: now, maxAttempts: 8 });
    }
    await enqueueJobs(trx, jobs, now);
    await appendAudit(trx, ctx.dialect, {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.reply_sent', caseId: kase.id,
      detail: { partyRole: party.role, messageId, promisedUpdateBy: open ? clock.nextUpdateDueAt?.toISOString() ?? null : null },
    });
  });
}

function knownStatus(status: string): CaseStatus {
  if (!isCaseStatus(status)) throw new Error(`Case has an unknown status: ${status}`);
  return status;
}

function checkReplyPromise(promisedBy: Date, now: Date, status: CaseStatus): void {
  if (!isOpen(status)) {
    throw new AppError('validation_failed', 'A closed case takes no promises.', [
      { path: 'promiseUpdateBy', message: 'Reopen the case before promising an update.' },
    ]);
  }
  const verdict = checkPromise(promisedBy, now);
  if (!verdict.ok) {
    throw new AppError('validation_failed', PROMISE_REFUSALS[verdict.reason], [
      { path: 'promiseUpdateBy', message: PROMISE_REFUSALS[verdict.reason] },
    ]);
  }
}

/** The first reply to a new case acknowledges it; the lifecycle writes the status event. */
async function acknowledgeIfNew(trx: HavenDb, kase: CaseRecord, status: CaseStatus, actor: Actor, now: Date): Promise<CaseStatus> {
  if (status !== 'new') return status;
  const moved = transition({ status, requiresReview: false, requiredSignOffs: 0, signOffs: 0 }, { to: 'acknowledged' }, now);
  if (!moved.ok) throw new Error(moved.message);
  await insertEvent(trx, {
    id: newId(now.getTime()), caseId: kase.id, type: 'status_changed', at: now, actorKind: 'staff', actorId: actor.id,
    detail: `${moved.event.from} → ${moved.event.to}`,
  });
  return moved.status;
}
