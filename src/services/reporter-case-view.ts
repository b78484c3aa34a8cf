import { raisesEmergencyAlert } from '../domain/emergency.js';
import { auditChain } from './audit-chain.js';
import { findCase } from '../db/repositories/cases.js';
import { latestClosing } from '../db/repositories/case-closings.js';
import type { Outcome } from '../domain/case-lifecycle.js';
import { listMessagesFor, listParties } from '../db/repositories/case-parts.js';
import { listConsents } from '../db/repositories/consent.js';
import { CONSENTING_ROLES, type ConsentGrant, type ConsentingRole } from '../domain/consent.js';
import { isOneOf } from '../domain/closed-sets.js';
import type { PartyRole } from '../domain/case-parts.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { ReporterSessionRow } from '../db/repositories/reporter-access.js';
import { findPartyMessagesStopped } from '../db/repositories/case-work.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

export interface ReporterCaseView {
  reference: string;
  status: string;
  receivedAt: Date;
  firstResponseDueAt: Date;
  nextUpdateDueAt: Date | null;
  immediateDanger: boolean;
  /** The reader's own role: the reporter, or the target of a third-party report the desk contacted. */
  partyRole: PartyRole;
  /** The reader's own consent, for a reporter or target (null for anyone else); empty when never given. */
  consent: { role: ConsentingRole; grants: ConsentGrant[] } | null;
  messages: { id: string; body: string; from: 'staff' | 'reporter'; at: Date }[];
  /** The reporter asked us to stop writing (a withdrawal) and has not asked again. */
  messagesStopped: boolean;
  /** While the case is closed: how it ended and what the reporter can do next. Never the record's findings. */
  closing: { outcome: Outcome; nextSteps: string | null; closedAt: Date } | null;
}

/**
 * What a reporter may see of their own case: status, dates and the messages addressed to
 * them. Nothing about other parties, staff notes or other threads.
 */
export async function viewReporterCase(ctx: ServiceContext, session: ReporterSessionRow): Promise<ReporterCaseView> {
  const kase = await findCase(ctx.db, { id: session.caseId });
  const messagesStopped = (await findPartyMessagesStopped(ctx.db, session.partyId)) !== null;
  if (kase === null) throw new AppError('not_found', 'This case is no longer available.');
  const messages = await listMessagesFor(ctx.db, kase.id, `party:${session.partyId}`);
  const closing = kase.status === 'closed' ? await latestClosing(ctx.db, kase.id) : null;
  const self = (await listParties(ctx.db, kase.id)).find((p) => p.id === session.partyId);
  if (self === undefined) throw new AppError('not_found', 'This case is no longer available.');
  const role = self.role;
  const own = (await listConsents(ctx.db, kase.id)).find((c) => c.partyId === self.id);
  await appendAudit(ctx.db, auditChain(ctx), { at: ctx.now(), actorKind: 'reporter', actorId: session.partyId, action: 'case.viewed_by_reporter', caseId: kase.id, detail: {} });
  return {
    reference: kase.reference,
    status: kase.status,
    receivedAt: kase.receivedAt,
    firstResponseDueAt: kase.firstResponseDueAt,
    messagesStopped,
    nextUpdateDueAt: kase.nextUpdateDueAt,
    // The advice to contact emergency services is for every emergency, by the flag or the category.
    immediateDanger: kase.immediateDanger || raisesEmergencyAlert(kase),
    partyRole: role,
    consent: isOneOf(CONSENTING_ROLES, role) ? { role, grants: own === undefined ? [] : [...own.grants] } : null,
    messages: messages.map((m) => ({ id: m.id, body: m.body, from: m.authorKind === 'staff' ? 'staff' : 'reporter', at: m.createdAt })),
    closing: closing === null ? null : { outcome: closing.outcome, nextSteps: closing.nextSteps, closedAt: closing.closedAt },
  };
}
