import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { listParties } from '../db/repositories/case-parts.js';
import { insertClosing, listStaffOnTimeline } from '../db/repositories/case-closings.js';
import { recordEvents, type NewEvent } from '../db/repositories/case-events.js';
import { insertMessage } from '../db/repositories/messages.js';
import { setReplyClocks } from '../db/repositories/cases.js';
import { enqueueJobs, type NewJob } from '../db/repositories/jobs.js';
import { findStaffUsername } from '../db/repositories/staff.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { endOpenReferral, findOpenReferral } from '../db/repositories/referrals.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { changeCaseStatus } from './change-case-status.js';
import { checkCloseInput, withNextSteps, type CloseInput } from './closing-input.js';
import type { ServiceContext } from './context.js';
import { FOLLOW_UP_JOB, REPLY_NOTICE_EMAIL_JOB, type FollowUpPayload, type ReplyNoticePayload } from './job-kinds.js';

export type { CloseInput } from './closing-input.js';

/**
 * Closes a case with its record and its messages, in one transaction: the request is checked
 * (400), the lifecycle's guards judge the close with the case's review facts and the record
 * (who looked comes from the timeline, plus the person closing), so a refusal (409 with the
 * guard's code) writes nothing; then every reachable reporter's closing message, their email
 * notices, the closing record, the follow-up reminder and the audit row go in together.
 */
export async function closeCase(ctx: ServiceContext, actor: Actor, reference: string, input: CloseInput): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot close cases.');
    const parties = await listParties(trx, kase.id);
    checkCloseInput(input, parties, now);
    if (input.duplicateOf !== null) {
      const original = await loadCaseFor(trx, actor, 'case.view', { reference: input.duplicateOf }).catch(() => null);
      if (original === null || original.id === kase.id) {
        throw new AppError('validation_failed', 'The duplicated case is not one you can see, or is this case.', [
          { path: 'duplicateOf', message: 'Name another case of yours that this one duplicates.' },
        ]);
      }
    }
    // A case waiting on a referral closes as referred, or is taken back first.
    const referral = await findOpenReferral(trx, kase.id);
    if (referral !== null && input.outcome !== 'referred') {
      throw new AppError('conflict', 'The case waits on a referral: close it as referred, or take it back first.');
    }
    const lookers = await listStaffOnTimeline(trx, kase.id);
    if (!lookers.some((l) => l.id === actor.id)) lookers.push({ id: actor.id, username: (await findStaffUsername(trx, actor.id)) ?? actor.id });
    const reachable = parties.filter((p) => p.canReceiveReplies);
    const outgoing = input.messages.filter((m) => m.body.trim() !== '')
      .map((m) => ({ ...m, body: withNextSteps(m.body, input.nextSteps, input.outcome) }));
    await changeCaseStatus(trx, kase, {
      to: 'closed', outcome: input.outcome,
      closingRecord: { ...input.closingRecord, reviewedBy: lookers.map((l) => l.id) },
      reporterContactable: reachable.length > 0,
      reporterMessageSent: reachable.every((p) => outgoing.some((m) => m.partyId === p.id)),
      nonActionableNextSteps: input.nextSteps ?? undefined,
    }, { kind: 'staff', id: actor.id }, now);
    if (referral !== null) await endOpenReferral(trx, kase.id, 'closed', now);

    const by = { at: now, caseId: kase.id, actorKind: 'staff', actorId: actor.id } as const;
    const events: NewEvent[] = [];
    const jobs: NewJob[] = [];
    for (const m of outgoing) {
      const party = reachable.find((p) => p.id === m.partyId);
      if (party === undefined) continue;
      const messageId = newId(now.getTime());
      await insertMessage(trx, { id: messageId, caseId: kase.id, audience: `party:${party.id}`, body: m.body, authorKind: 'staff', authorId: actor.id, createdAt: now });
      events.push({ ...by, id: newId(now.getTime()), type: 'closing_message_sent', detail: { partyRole: party.role, messageId } });
      if (party.hasContactEmail) {
        const notice: ReplyNoticePayload = { caseId: kase.id, partyId: party.id, messageId, language: kase.language };
        jobs.push({ id: newId(now.getTime()), kind: REPLY_NOTICE_EMAIL_JOB, payload: notice, runAt: now, maxAttempts: 8 });
      }
    }
    // A closed case owes no update: the promise is answered by the closing message or ends with the case.
    await setReplyClocks(trx, kase.id, {
      firstRespondedAt: kase.firstRespondedAt ?? (outgoing.length > 0 ? now : null), nextUpdateDueAt: null, urgentAt: kase.urgentAt, now,
    });
    const closingId = newId(now.getTime());
    await insertClosing(trx, {
      id: closingId, caseId: kase.id, outcome: input.outcome, summary: input.closingRecord.summary.trim(), findings: input.closingRecord.findings.trim(),
      reviewedBy: lookers, actions: input.actions ?? [], nextSteps: input.nextSteps?.trim() || null, duplicateOf: input.duplicateOf,
      followUpAt: input.followUpAt, closedBy: actor.id, closedAt: now,
    });
    if (input.followUpAt !== null) {
      const dueAt = input.followUpAt.toISOString();
      events.push({ ...by, id: newId(now.getTime()), type: 'follow_up_scheduled', detail: { dueAt } });
      const payload: FollowUpPayload = { caseId: kase.id, dueAt };
      jobs.push({ id: newId(now.getTime()), kind: FOLLOW_UP_JOB, payload, runAt: input.followUpAt, maxAttempts: 8 });
    }
    await recordEvents(trx, events);
    await enqueueJobs(trx, jobs, now);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.closed', caseId: kase.id,
      detail: { outcome: input.outcome, closingId, messagesTo: outgoing.map((m) => m.partyId), followUpAt: input.followUpAt?.toISOString() ?? null, duplicateOf: input.duplicateOf },
    });
  });
}
