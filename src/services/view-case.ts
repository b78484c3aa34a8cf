import { canOnCase, type Actor } from '../domain/access-policy.js';
import { recusedStaffByCase } from '../db/repositories/recusals.js';
import { auditChain } from './audit-chain.js';
import type { CaseRecord } from '../db/repositories/cases.js';
import { listEvidence, listLinkedCases, listParties, type EvidenceRow } from '../db/repositories/case-parts.js';
import { viewParty, type PartyView } from './party-details.js';
import { listEvents, type EventRow } from '../db/repositories/case-events.js';
import { listConversation, type ConversationRow } from '../db/repositories/messages.js';
import { latestClosing, type CaseClosing } from '../db/repositories/case-closings.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { listNotes, type NoteRow } from '../db/repositories/case-work.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';
import { listCaseFiles, type EvidenceFileView } from './evidence-file-sealing.js';

export interface CaseDetail {
  kase: CaseRecord; parties: PartyView[]; evidence: EvidenceRow[]; files: EvidenceFileView[]; timeline: EventRow[]; conversation: ConversationRow[]; notes: NoteRow[];
  /** The closing record while the case is closed. */
  closing: CaseClosing | null;
  /** Other cases naming one of its reported accounts that this actor may open (others are not counted, nor hinted at). */
  linkedCases: number;
}

/** Loads a case the actor may view, or throws not_found; the view itself is audited. */
export async function viewCase(ctx: ServiceContext, actor: Actor, reference: string): Promise<CaseDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.view', { reference });
    const [parties, evidence, timeline, conversation] = [
      await listParties(trx, kase.id), await listEvidence(trx, kase.id), await listEvents(trx, kase.id), await listConversation(trx, kase.id),
    ];
    const notes = await listNotes(trx, kase.id);
    const files = await listCaseFiles(ctx, trx, kase.id);
    const closing = kase.status === 'closed' ? await latestClosing(trx, kase.id) : null;
    const linked = await listLinkedCases(trx, kase.id);
    const recused = await recusedStaffByCase(trx, linked.map((other) => other.id));
    const linkedCases = linked.filter((other) => canOnCase(actor, 'case.view', { ...other, recusedStaff: recused.get(other.id) ?? [] })).length;
    await appendAudit(trx, auditChain(ctx), { at: ctx.now(), actorKind: 'staff', actorId: actor.id, action: 'case.viewed', caseId: kase.id, detail: {} });
    return { kase, parties: parties.map((p) => viewParty(ctx.cipher, p)), evidence, files, timeline, conversation, notes, closing, linkedCases };
  });
}
