import { auditChain } from './audit-chain.js';
import { findCase } from '../db/repositories/cases.js';
import { listMessagesFor } from '../db/repositories/case-parts.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { ReporterSessionRow } from '../db/repositories/reporter-access.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

export interface ReporterCaseView {
  reference: string;
  status: string;
  receivedAt: Date;
  firstResponseDueAt: Date;
  nextUpdateDueAt: Date | null;
  immediateDanger: boolean;
  messages: { id: string; body: string; from: 'staff' | 'reporter'; at: Date }[];
}

/**
 * What a reporter may see of their own case: status, dates and the messages addressed to
 * them. Nothing about other parties, staff notes or other threads.
 */
export async function viewReporterCase(ctx: ServiceContext, session: ReporterSessionRow): Promise<ReporterCaseView> {
  const kase = await findCase(ctx.db, { id: session.caseId });
  if (kase === null) throw new AppError('not_found', 'This case is no longer available.');
  const messages = await listMessagesFor(ctx.db, kase.id, `party:${session.partyId}`);
  await appendAudit(ctx.db, auditChain(ctx), { at: ctx.now(), actorKind: 'reporter', actorId: session.partyId, action: 'case.viewed_by_reporter', caseId: kase.id, detail: {} });
  return {
    reference: kase.reference,
    status: kase.status,
    receivedAt: kase.receivedAt,
    firstResponseDueAt: kase.firstResponseDueAt,
    nextUpdateDueAt: kase.nextUpdateDueAt,
    immediateDanger: kase.immediateDanger,
    messages: messages.map((m) => ({ id: m.id, body: m.body, from: m.authorKind === 'staff' ? 'staff' : 'reporter', at: m.createdAt })),
  };
}
