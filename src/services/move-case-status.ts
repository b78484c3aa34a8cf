import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import type { CaseStatus } from '../domain/case-lifecycle.js';
import { DEFAULT_WAIT_REMIND_DAYS, type WaitingOn } from '../domain/waiting.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { changeCaseStatus } from './change-case-status.js';
import { endWait } from './end-wait.js';
import { recordNote } from './record-note.js';
import { startWait } from './start-wait.js';
import type { ServiceContext } from './context.js';

export interface StatusMove {
  to: CaseStatus;
  /** Why; kept as a private note. */
  reason?: string | undefined;
  /** Required when moving to `waiting`. */
  waitingOn?: WaitingOn | undefined;
  remindAfterDays?: number | undefined;
}

/**
 * A handler moves an open case along the lifecycle. Closing and reopening have their own
 * routes (they need an outcome and a record, or a reason), so they are refused here with the
 * route to use. Moving to `waiting` stops the case's clocks and sets one silence reminder;
 * leaving `waiting` resumes them. The move, its events, its note and its audit row are one transaction.
 */
export async function moveCaseStatus(ctx: ServiceContext, actor: Actor, reference: string, move: StatusMove): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot change the status of cases.');
    if (move.to === 'closed') {
      throw new AppError('illegal_transition', `Close a case with POST /api/v1/cases/${kase.reference}/close, which records the outcome and tells the reporter.`);
    }
    if (kase.status === 'closed') {
      throw new AppError('illegal_transition', `This case is closed. Reopen it with POST /api/v1/cases/${kase.reference}/reopen and a reason.`);
    }
    if (move.to === 'waiting' && move.waitingOn === undefined) {
      throw new AppError('validation_failed', 'Say who the case is waiting on.', [{ path: 'waitingOn', message: 'Required when moving to waiting.' }]);
    }
    const by = { kind: 'staff', id: actor.id } as const;
    // The lifecycle judges the move before anything is written; a refusal changes nothing.
    await changeCaseStatus(trx, kase, { to: move.to }, by, now);
    if (kase.status === 'waiting') await endWait(trx, kase, by, now);
    if (move.to === 'waiting' && move.waitingOn !== undefined) {
      await startWait(trx, kase, { on: move.waitingOn, remindAfterDays: move.remindAfterDays ?? DEFAULT_WAIT_REMIND_DAYS, staffId: actor.id, now });
    }
    const noteId = move.reason === undefined ? null : await recordNote(trx, { caseId: kase.id, staffId: actor.id, body: move.reason, now });
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.status_changed', caseId: kase.id,
      detail: { from: kase.status, to: move.to, waitingOn: move.to === 'waiting' ? move.waitingOn ?? null : null, noteId },
    });
  });
}
