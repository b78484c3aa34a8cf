import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import { listParties } from '../db/repositories/case-parts.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { loadCaseFor } from './case-access.js';
import { viewParty, type PartyView } from './party-details.js';
import type { ServiceContext } from './context.js';

/** The parties of a case the actor may view, display names opened; the read is audited like a view of the case. */
export async function listCaseParties(ctx: ServiceContext, actor: Actor, reference: string): Promise<PartyView[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.view', { reference });
    const parties = (await listParties(trx, kase.id)).map((p) => viewParty(ctx.cipher, p));
    await appendAudit(trx, auditChain(ctx), { at: ctx.now(), actorKind: 'staff', actorId: actor.id, action: 'case.viewed', caseId: kase.id, detail: {} });
    return parties;
  });
}
