import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { listParties } from '../db/repositories/case-parts.js';
import { updateParty } from '../db/repositories/party-changes.js';
import { insertReporterAccess, revokePartyAccess } from '../db/repositories/reporter-access.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { generateAccessCode, hashAccessCode } from './security/access-code.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { partyNotFound } from './edit-party.js';
import { sealPartyDetails } from './party-details.js';
import { PARTY_ACCESS_CODE_EMAIL_JOB, type PartyAccessCodeEmailPayload } from './job-kinds.js';
import { SEALED, type ServiceContext } from './context.js';

export type AccessDelivery = { delivery: 'email'; contactEmail: string } | { delivery: 'show' };

/**
 * Gives a party other than the reporter (the target of a third-party report, or a witness)
 * their own access code, so the desk can write to them privately and they have their own
 * thread on /status. The code is emailed to the address the handler entered (kept, sealed, as
 * the party's address) or returned once for the handler to pass on through a private channel.
 * A new code replaces any earlier one. Reported persons get no code: they read nothing on /status.
 */
export async function issuePartyAccess(
  ctx: ServiceContext, actor: Actor, reference: string, partyId: string, how: AccessDelivery,
): Promise<{ accessCode: string | null }> {
  const now = ctx.now();
  const code = generateAccessCode();
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot contact people on a case.');
    const party = (await listParties(trx, kase.id)).find((p) => p.id === partyId);
    if (party === undefined) throw partyNotFound();
    if (party.role !== 'target' && party.role !== 'witness') {
      throw new AppError('conflict', party.role === 'reporter'
        ? 'The reporter received their code when they filed the report.'
        : 'A reported person reads nothing on the status page; write to them by message instead.');
    }
    await revokePartyAccess(trx, party.id, now);
    await insertReporterAccess(trx, { id: newId(now.getTime()), caseId: kase.id, partyId: party.id, codeHash: hashAccessCode(code), createdAt: now });
    if (how.delivery === 'email') {
      await updateParty(trx, kase.id, party.id, sealPartyDetails(ctx.cipher, party.id, { contactEmail: how.contactEmail }, party.role), now);
      const jobId = newId(now.getTime());
      const payload: PartyAccessCodeEmailPayload = {
        caseId: kase.id, partyId: party.id, language: kase.language, codeEnc: ctx.cipher.seal(code, `${SEALED.partyAccessCode}:${jobId}`),
      };
      await enqueueJobs(trx, [{ id: jobId, kind: PARTY_ACCESS_CODE_EMAIL_JOB, payload, runAt: now, maxAttempts: 8 }], now);
    }
    await recordEvents(trx, [{ id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'party_access_issued', detail: { partyRole: party.role } }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.party_access_issued', caseId: kase.id,
      detail: { partyId: party.id, role: party.role, delivery: how.delivery === 'email' ? 'email' : 'shown' },
    });
    return { accessCode: how.delivery === 'show' ? code : null };
  });
}
