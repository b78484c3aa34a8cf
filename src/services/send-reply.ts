import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { isOpen, type CaseStatus } from '../domain/case-lifecycle.js';
import { checkPromise, clockLeftByReply } from '../domain/update-promises.js';
import { setReplyClocks } from '../db/repositories/cases.js';
import { listParties } from '../db/repositories/case-parts.js';
import { recordEvents, type NewEvent } from '../db/repositories/case-events.js';
import { insertMessage } from '../db/repositories/messages.js';
import { enqueueJobs, type NewJob } from '../db/repositories/jobs.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { changeCaseStatus } from './change-case-status.js';
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
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot reply to reporters.');
    const party = (await listParties(trx, kase.id)).find((p) => p.id === input.partyId);
    if (party?.canReceiveReplies !== true) {
      throw new AppError('validation_failed', 'This person cannot receive replies.', [
        { path: 'partyId', message: 'Replies can go only to someone on this case who holds an access code.' },
      ]);
    }
    if (input.promiseUpdateBy !== null) checkReplyPromise(input.promiseUpdateBy, now, kase.status);

    const messageId = newId(now.getTime());
    await insertMessage(trx, {
      id: messageId, caseId: kase.id, audience: `party:${party.id}`, body: input.body, authorKind: 'staff',
      authorId: actor.id, createdAt: now, promisedUpdateBy: input.promiseUpdateBy,
    });
    // The first reply to a new case acknowledges it.
    const status = kase.status === 'new'
      ? await changeCaseStatus(trx, kase, { to: 'acknowledged' }, { kind: 'staff', id: actor.id }, now)
      : kase.status;
    const clock = clockLeftByReply({ now, promisedBy: input.promiseUpdateBy, caseOpen: isOpen(status) });
    await setReplyClocks(trx, kase.id, {
      firstRespondedAt: kase.firstRespondedAt ?? now, nextUpdateDueAt: clock?.nextUpdateDueAt ?? null, urgentAt: clock?.dueAt ?? kase.urgentAt, now,
    });
    const by = { at: now, caseId: kase.id, actorKind: 'staff', actorId: actor.id } as const;
    const events: NewEvent[] = [{ ...by, id: newId(now.getTime()), type: 'reply_sent', detail: { partyRole: party.role } }];
    if (clock !== null && clock.nextUpdateDueAt !== null) {
      events.push({ ...by, id: newId(now.getTime()), type: 'update_promised', detail: { promisedBy: clock.nextUpdateDueAt.toISOString() } });
    }
    await recordEvents(trx, events);
    const jobs: NewJob[] = [];
    if (clock !== null) {
      const reminder: CaseReminderPayload = { caseId: kase.id, clock: clock.clock, stage: 'due', dueAt: clock.dueAt.toISOString() };
      jobs.push({ id: newId(now.getTime()), kind: CASE_REMINDER_JOB, payload: reminder, runAt: clock.dueAt, maxAttempts: 8 });
    }
    if (party.hasContactEmail) {
      const notice: ReplyNoticePayload = { caseId: kase.id, partyId: party.id, messageId, language: kase.language };
      jobs.push({ id: newId(now.getTime()), kind: REPLY_NOTICE_EMAIL_JOB, payload: notice, runAt: now, maxAttempts: 8 });
    }
    await enqueueJobs(trx, jobs, now);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.reply_sent', caseId: kase.id,
      detail: { partyRole: party.role, messageId, promisedUpdateBy: clock?.nextUpdateDueAt?.toISOString() ?? null },
    });
  });
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
