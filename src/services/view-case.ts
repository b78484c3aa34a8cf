import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import type { CaseRecord } from '../db/repositories/cases.js';
import { listEvidence, listParties, type EvidenceRow, type PartyRow } from '../db/repositories/case-parts.js';
import { listEvents, type EventRow } from '../db/repositories/case-events.js';
import { listConversation, type ConversationRow } from '../db/repositories/messages.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';

export interface CaseDetail { kase: CaseRecord; parties: PartyRow[]; evidence: EvidenceRow[]; timeline: EventRow[]; conversation: ConversationRow[] }

/** Loads a case the actor may view, or throws not_found; the view itself is audited. */
export async function viewCase(ctx: ServiceContext, actor: Actor, reference: string): Promise<CaseDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.view', { reference });
    const [parties, evidence, timeline, conversation] = [
      await listParties(trx, kase.id), await listEvidence(trx, kase.id), await listEvents(trx, kase.id), await listConversation(trx, kase.id),
    ];
    await appendAudit(trx, auditChain(ctx), { at: ctx.now(), actorKind: 'staff', actorId: actor.id, action: 'case.viewed', caseId: kase.id, detail: {} });
    return { kase, parties, evidence, timeline, conversation };
  });
}
