import { accountIndexesForLookup } from './security/account-index.js';
import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import type { PartyRole } from '../domain/case-parts.js';
import { insertParties, listParties } from '../db/repositories/case-parts.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit, appendAuditEntries } from '../db/repositories/audit-log.js';
import { recuseNamedStaff } from './recuse-staff.js';
import { loadCaseFor } from './case-access.js';
import { changedFields, partyChange, sealPartyDetails, type PartyChange, type PartyDetailsInput } from './party-details.js';
import { checkRoleIsFree } from './party-roles.js';
import type { ServiceContext } from './context.js';

/**
 * A handler names someone involved in a case; the addition is on the timeline and audited.
 * Returns the party as staff see it, read in the same transaction, and whether naming it
 * recused the handler (an account they linked as their own): the party is kept either way.
 */
export async function addParty(
  ctx: ServiceContext, actor: Actor, reference: string, input: PartyDetailsInput & { role: PartyRole },
): Promise<PartyChange> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot change who is involved in a case.');
    checkRoleIsFree(await listParties(trx, kase.id), input.role, null);
    const id = newId(now.getTime());
    const sealed = sealPartyDetails(ctx.cipher, id, input, input.role);
    await insertParties(trx, [{
      id, caseId: kase.id, role: input.role, username: sealed.username ?? null, usernameEnc: sealed.usernameEnc ?? null, accountIndex: sealed.accountIndex ?? null,
      displayNameEnc: sealed.displayNameEnc ?? null, contactEmailEnc: sealed.contactEmailEnc ?? null,
      contactEmailIndex: sealed.contactEmailIndex ?? null, createdAt: now,
    }]);
    await recordEvents(trx, [{ id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'party_added', detail: { partyRole: input.role } }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.party_added', caseId: kase.id,
      detail: { partyId: id, role: input.role, fields: changedFields(input) },
    });
    // A linked account named now is recused now, as at intake (it may be the handler's own).
    await appendAuditEntries(trx, auditChain(ctx), await recuseNamedStaff(trx, {
      caseId: kase.id, deskId: kase.deskId, partyAccountKeys: input.accountName == null ? [] : accountIndexesForLookup(ctx.cipher, input.accountName), reporterNamed: [],
      cause: { kind: 'system', id: null }, now,
    }));
    return partyChange(trx, ctx, kase.id, id, actor.id);
  });
}
