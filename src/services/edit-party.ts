import { accountIndexesForLookup } from './security/account-index.js';
import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { listParties } from '../db/repositories/case-parts.js';
import { updateParty } from '../db/repositories/party-changes.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit, appendAuditEntries } from '../db/repositories/audit-log.js';
import { recuseNamedStaff } from './recuse-staff.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { changedFields, openAccountName, partyChange, sealPartyDetails, type PartyChange, type PartyDetailsInput } from './party-details.js';
import { checkRoleIsFree } from './party-roles.js';
import type { ServiceContext } from './context.js';

/** The party was not found on this case: the same answer for a party of another case. */
export function partyNotFound(): AppError {
  return new AppError('not_found', 'No such person on this case.');
}

/**
 * A handler changes what the desk knows about a party. Someone holding an access code keeps
 * their role: their thread on /status was opened to them in that role.
 */
export async function editParty(ctx: ServiceContext, actor: Actor, reference: string, partyId: string, input: PartyDetailsInput): Promise<PartyChange> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot change who is involved in a case.');
    const parties = await listParties(trx, kase.id);
    const party = parties.find((p) => p.id === partyId);
    if (party === undefined) throw partyNotFound();
    if (input.role !== undefined && input.role !== party.role) {
      if (party.canReceiveReplies) {
        throw new AppError('conflict', 'This person holds an access code in their role; their role cannot change.', [
          { path: 'role', message: 'Add the person again in the other role instead.' },
        ]);
      }
      checkRoleIsFree(parties, input.role, party.id);
    }
    const role = input.role ?? party.role;
    // A new role may store the name the other way (sealed, or in the clear for a reported
    // person), so the name the party already has is written again under it.
    const write = input.accountName === undefined && role !== party.role ? { ...input, accountName: openAccountName(ctx.cipher, party) } : input;
    await updateParty(trx, kase.id, party.id, sealPartyDetails(ctx.cipher, party.id, write, role), now);
    await recordEvents(trx, [{ id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'party_changed', detail: { partyRole: role } }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.party_changed', caseId: kase.id,
      detail: { partyId: party.id, role, fields: changedFields(input) },
    });
    // A linked account named now is recused now, as at intake (it may be the handler's own).
    await appendAuditEntries(trx, auditChain(ctx), await recuseNamedStaff(trx, {
      caseId: kase.id, deskId: kase.deskId, partyAccountKeys: input.accountName == null ? [] : accountIndexesForLookup(ctx.cipher, input.accountName), reporterNamed: [],
      cause: { kind: 'system', id: null }, now,
    }));
    return partyChange(trx, ctx, kase.id, party.id, actor.id);
  });
}
