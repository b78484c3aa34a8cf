import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { isOpen, type CaseStatus } from '../domain/case-lifecycle.js';
import { checkPromise, clockLeftByReply } from '../domain/update-promises.js';
import { setReplyClocks } from '../db/repositories/cases.js';
import { listParties } from '../db/repositories/case-parts.js';
import { openAccountName } from './party-details.js';
import { recordEvents, type NewEvent } from '../db/repositories/case-events.js';
import { insertMessage } from '../db/repositories/messages.js';
import { enqueueJobs, type NewJob } from '../db/repositories/jobs.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { findPartyMessagesStopped } from '../db/repositories/case-work.js';
import { changeCaseStatus } from './change-case-status.js';
import { checkBoilerplate, type TemplateUse } from './check-boilerplate.js';
import type { ServiceContext } from './context.js';
import {
  CASE_REMINDER_JOB, PARTY_MESSAGE_EMAIL_JOB, REPLY_NOTICE_EMAIL_JOB, type CaseReminderPayload, type PartyMessageEmailPayload, type ReplyNoticePayload,
} from './job-kinds.js';
import { findIdentityLeaks, identityLeakError } from './identity-leaks.js';
import type { LeakHit } from '../domain/leak-guard.js';
import type { MessageDelivery } from '../domain/case-parts.js';
import { partyAudience } from '../domain/message-audience.js';

export interface ReplyInput {
  partyId: string;
  body: string;
  /** The next update promised to the reader; it becomes the case's deadline. */
  promiseUpdateBy: Date | null;
  /** Sends a message the leak guard stopped; the handler's reason is audited. */
  leakOverrideReason?: string;
  /** The template the reply started from, if any: then it must not read as boilerplate, unless confirmed. */
  template?: TemplateUse | null;
}

/** The message stored, and how it reaches its party. */
export interface SentReply { messageId: string; delivery: MessageDelivery }

const PROMISE_REFUSALS = {
  in_the_past: 'The promised date has already passed. Choose a date ahead.',
  too_soon: 'Leave at least a few minutes to keep the promise.',
  too_far: 'Promise an update within 60 days; a date further off tells the reporter little.',
} as const;

/**
 * A handler writes to one party of a case: every message has exactly one audience. A party
 * holding an access code (the reporter, the target of a third-party report) reads it in their
 * own thread on the status page and is told by email, when they left an address, that it is
 * waiting. A reported person gets it by email when the desk has an address, or the handler
 * copies it to the wiki; before it is stored the leak guard searches it for what identifies
 * the reporter and the target, and refuses it (`identity_leak`) unless the handler gives a
 * written reason, which is audited. A reply to the reporter is the first response if none
 * was made yet, and its promise, or a check-in a week out, becomes the case's next deadline
 * with a reminder queued for it. All in one transaction.
 */
export async function sendReply(ctx: ServiceContext, actor: Actor, reference: string, input: ReplyInput): Promise<SentReply> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot reply to reporters.');
    const party = (await listParties(trx, kase.id)).find((p) => p.id === input.partyId);
    if (party === undefined) throw cannotReceive();
    let delivery: MessageDelivery = 'status_page';
    let hits: LeakHit[] = [];
    if (party.role === 'reported') {
      // A reported person reads nothing on Haven: the message is emailed, or copied to the wiki by hand.
      if (input.promiseUpdateBy !== null) {
        throw new AppError('validation_failed', 'Promises of an update are made to the people who came to the desk.', [
          { path: 'promiseUpdateBy', message: 'Leave the date out when writing to a reported person.' },
        ]);
      }
      hits = await findIdentityLeaks(trx, ctx.cipher, kase.id, input.body);
      if (hits.length > 0 && input.leakOverrideReason === undefined) throw identityLeakError(hits, 'body');
      delivery = party.hasContactEmail ? 'email' : 'by_hand';
    } else if (!party.canReceiveReplies) {
      throw cannotReceive();
    }
    // Only the reporter is owed the first response and the promised updates.
    const toReporter = party.role === 'reporter';
    if (toReporter && input.promiseUpdateBy !== null) checkReplyPromise(input.promiseUpdateBy, now, kase.status);
    const confirmedBoilerplate = input.template == null ? false : await checkBoilerplate(trx, {
      kase, actorId: actor.id, recipientName: openAccountName(ctx.cipher, party), body: input.body, promiseUpdateBy: input.promiseUpdateBy, use: input.template,
    });

    const messageId = newId(now.getTime());
    await insertMessage(trx, {
      id: messageId, caseId: kase.id, audience: partyAudience(party.id), body: input.body, authorKind: 'staff',
      authorId: actor.id, createdAt: now, promisedUpdateBy: toReporter ? input.promiseUpdateBy : null, delivery,
      templateId: input.template?.templateId ?? null, boilerplateConfirmed: confirmedBoilerplate,
    });
    const by = { at: now, caseId: kase.id, actorKind: 'staff', actorId: actor.id } as const;
    const events: NewEvent[] = [{ ...by, id: newId(now.getTime()), type: 'reply_sent', detail: { partyRole: party.role } }];
    const jobs: NewJob[] = [];
    let promisedUpdateBy: string | null = null;
    if (toReporter) {
      // The first reply to a new case acknowledges it.
      const status = kase.status === 'new'
        ? await changeCaseStatus(trx, kase, { to: 'acknowledged' }, { kind: 'staff', id: actor.id }, now)
        : kase.status;
      // A waiting case's clocks are stopped: a reply (asking again, say) leaves the silence reminder in charge.
      const clock = kase.waiting === null ? clockLeftByReply({ now, promisedBy: input.promiseUpdateBy, caseOpen: isOpen(status) }) : null;
      await setReplyClocks(trx, kase.id, {
        firstRespondedAt: kase.firstRespondedAt ?? now,
        nextUpdateDueAt: kase.waiting === null ? clock?.nextUpdateDueAt ?? null : input.promiseUpdateBy ?? kase.nextUpdateDueAt,
        urgentAt: clock?.dueAt ?? kase.urgentAt, now,
      });
      if (clock !== null && clock.nextUpdateDueAt !== null) {
        events.push({ ...by, id: newId(now.getTime()), type: 'update_promised', detail: { promisedBy: clock.nextUpdateDueAt.toISOString() } });
      }
      if (clock !== null) {
        const reminder: CaseReminderPayload = { caseId: kase.id, clock: clock.clock, stage: 'due', dueAt: clock.dueAt.toISOString() };
        jobs.push({ id: newId(now.getTime()), kind: CASE_REMINDER_JOB, payload: reminder, runAt: clock.dueAt, maxAttempts: 8 });
      }
      promisedUpdateBy = clock?.nextUpdateDueAt?.toISOString() ?? null;
    }
    if (delivery === 'email') {
      const payload: PartyMessageEmailPayload = { caseId: kase.id, partyId: party.id, messageId, language: kase.language };
      jobs.push({ id: newId(now.getTime()), kind: PARTY_MESSAGE_EMAIL_JOB, payload, runAt: now, maxAttempts: 8 });
    } else if (delivery === 'status_page' && party.hasContactEmail && (await findPartyMessagesStopped(trx, party.id)) === null) {
      // A party who asked us to stop writing (a withdrawal) gets no notice until they ask again.
      const notice: ReplyNoticePayload = { caseId: kase.id, partyId: party.id, messageId, language: kase.language };
      jobs.push({ id: newId(now.getTime()), kind: REPLY_NOTICE_EMAIL_JOB, payload: notice, runAt: now, maxAttempts: 8 });
    }
    if (confirmedBoilerplate) events.push({ ...by, id: newId(now.getTime()), type: 'boilerplate_confirmed', detail: { messageId } });
    if (hits.length > 0) events.push({ ...by, id: newId(now.getTime()), type: 'leak_guard_overridden', detail: { messageId } });
    await recordEvents(trx, events);
    await enqueueJobs(trx, jobs, now);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.reply_sent', caseId: kase.id,
      detail: { partyRole: party.role, messageId, promisedUpdateBy },
    });
    if (confirmedBoilerplate && input.template != null) {
      await appendAudit(trx, auditChain(ctx), {
        at: now, actorKind: 'staff', actorId: actor.id, action: 'case.boilerplate_confirmed', caseId: kase.id,
        detail: { messageId, templateId: input.template.templateId },
      });
    }
    if (hits.length > 0) {
      await appendAudit(trx, auditChain(ctx), {
        at: now, actorKind: 'staff', actorId: actor.id, action: 'case.leak_guard_overridden', caseId: kase.id,
        detail: { partyId: party.id, messageId, found: [...new Set(hits.map((h) => `${h.label}:${h.kind}`))], reason: input.leakOverrideReason ?? '' },
      });
    }
    return { messageId, delivery };
  });
}

function cannotReceive(): AppError {
  return new AppError('validation_failed', 'This person cannot receive replies.', [
    { path: 'partyId', message: 'Replies can go only to someone on this case who holds an access code, or to a reported person.' },
  ]);
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
