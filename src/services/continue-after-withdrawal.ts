import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { isOpen } from '../domain/case-lifecycle.js';
import { listParties } from '../db/repositories/case-parts.js';
import { setWithdrawalRequested } from '../db/repositories/case-work.js';
import { insertMessage } from '../db/repositories/messages.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { enqueueJobs, type NewJob } from '../db/repositories/jobs.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';
import { WITHDRAWAL_NOTICE_EMAIL_JOB, type WithdrawalNoticePayload } from './job-kinds.js';

/**
 * A handler decides to keep investigating a case whose reporter asked to withdraw: where others
 * are at risk the outcome of an investigation does not depend on the reporter's approval. The
 * reporter is told honestly, once: the handler's message goes in their thread, and a notice by
 * email (even though they asked us to stop writing: this is the answer to that very request),
 * which also says they can come back. They still get no other messages until they ask again.
 */
export async function continueAfterWithdrawal(ctx: ServiceContext, actor: Actor, reference: string, message: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot decide on withdrawals.');
    if (kase.withdrawalRequestedAt === null || !isOpen(kase.status)) {
      throw new AppError('conflict', 'There is no open request to withdraw on this case.');
    }
    const reporters = (await listParties(trx, kase.id)).filter((p) => p.role === 'reporter' && p.canReceiveReplies);
    const messageIds: string[] = [];
    const jobs: NewJob[] = [];
    for (const party of reporters) {
      const messageId = newId(now.getTime());
      messageIds.push(messageId);
      await insertMessage(trx, { id: messageId, caseId: kase.id, audience: `party:${party.id}`, body: message, authorKind: 'staff', authorId: actor.id, createdAt: now });
      if (party.hasContactEmail) {
        const payload: WithdrawalNoticePayload = { caseId: kase.id, partyId: party.id, language: kase.language };
        jobs.push({ id: newId(now.getTime()), kind: WITHDRAWAL_NOTICE_EMAIL_JOB, payload, runAt: now, maxAttempts: 8 });
      }
    }
    if (messageIds.length === 0) throw new AppError('conflict', 'Nobody on this case can read a reply, so the reporter cannot be told.');
    await setWithdrawalRequested(trx, kase.id, null, now);
    await recordEvents(trx, messageIds.map((messageId) => ({
      id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff' as const, actorId: actor.id, type: 'withdrawal_continued' as const, detail: { messageId },
    })));
    await enqueueJobs(trx, jobs, now);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.withdrawal_continued', caseId: kase.id, detail: { messageId: messageIds[0] ?? '' },
    });
  });
}
