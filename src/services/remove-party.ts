import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { listParties } from '../db/repositories/case-parts.js';
import { deleteParty, partyHasThread } from '../db/repositories/party-changes.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { partyNotFound } from './edit-party.js';
import type { ServiceContext } from './context.js';

/**
 * A handler removes a party named by mistake. Someone the desk has been in touch with (an
 * access code, a thread) stays: their messages are part of the case's record.
 */
export async function removeParty(ctx: ServiceContext, actor: Actor, reference: string, partyId: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot change who is involved in a case.');
    const party = (await listParties(trx, kase.id)).find((p) => p.id === partyId);
    if (party === undefined) throw partyNotFound();
    if (party.canReceiveReplies || await partyHasThread(trx, kase.id, party.id)) {
      throw new AppError('conflict', 'The desk has been in touch with this person; they stay on the case.');
    }
    await deleteParty(trx, kase.id, party.id);
    await recordEvents(trx, [{ id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'party_removed', detail: { partyRole: party.role } }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.party_removed', caseId: kase.id, detail: { partyId: party.id, role: party.role },
    });
  });
}
