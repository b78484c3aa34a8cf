import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { CONSENTING_ROLES, type ConsentGrant, type ConsentingRole, type PartyConsent } from '../domain/consent.js';
import { isOneOf } from '../domain/closed-sets.js';
import { listParties, type PartyRow } from '../db/repositories/case-parts.js';
import { listConsents, saveConsent } from '../db/repositories/consent.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { HavenDb } from '../db/connection.js';
import type { ReporterSessionRow } from '../db/repositories/reporter-access.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { partyNotFound } from './edit-party.js';
import type { ServiceContext } from './context.js';

/** Who records a consent: a handler who asked the party, or the party themself on /status. */
export type ConsentRecorder = { kind: 'staff'; actor: Actor; reference: string } | { kind: 'party'; session: ReporterSessionRow };

/** The party's consent as it stands (no record: nothing granted). */
export type ConsentView = Omit<PartyConsent, 'recordedAt'> & { recordedAt: string | null };

async function consentingParty(db: HavenDb, caseId: string, partyId: string): Promise<PartyRow & { role: ConsentingRole }> {
  const party = (await listParties(db, caseId)).find((p) => p.id === partyId);
  if (party === undefined) throw partyNotFound();
  const role = party.role;
  if (!isOneOf(CONSENTING_ROLES, role)) {
    throw new AppError('validation_failed', 'Consent is recorded for the reporter and the target.', [{ path: 'partyId', message: 'Choose the reporter or the target.' }]);
  }
  return { ...party, role };
}

async function currentConsent(db: HavenDb, caseId: string, party: { id: string; role: ConsentingRole }): Promise<ConsentView> {
  const found = (await listConsents(db, caseId)).find((c) => c.partyId === party.id);
  return found ?? { partyId: party.id, role: party.role, grants: [], recordedAt: null };
}

/** Reads a party's consent: a handler through the case (audited as a view), or the party their own. */
export async function readConsent(ctx: ServiceContext, by: ConsentRecorder, partyId: string): Promise<ConsentView> {
  return ctx.db.transaction().execute(async (trx) => {
    const caseId = by.kind === 'staff' ? (await loadCaseFor(trx, by.actor, 'case.view', { reference: by.reference })).id : by.session.caseId;
    // A party reads only their own consent, whatever id they ask for.
    const party = await consentingParty(trx, caseId, by.kind === 'party' ? by.session.partyId : partyId);
    if (by.kind === 'staff') {
      await appendAudit(trx, auditChain(ctx), { at: ctx.now(), actorKind: 'staff', actorId: by.actor.id, action: 'case.viewed', caseId, detail: {} });
    }
    return currentConsent(trx, caseId, party);
  });
}

/**
 * Replaces what a reporter or target agreed may be shared, and with whom. Everything not
 * granted may not be shared. On the timeline and audited, with who recorded it.
 */
export async function recordConsent(ctx: ServiceContext, by: ConsentRecorder, partyId: string, grants: readonly ConsentGrant[]): Promise<ConsentView> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const caseId = by.kind === 'staff'
      ? (await loadCaseFor(trx, by.actor, 'case.update', { reference: by.reference }, 'Your role cannot change cases.')).id
      : by.session.caseId;
    const party = await consentingParty(trx, caseId, by.kind === 'party' ? by.session.partyId : partyId);
    const actorKind = by.kind === 'staff' ? 'staff' : 'reporter';
    const actorId = by.kind === 'staff' ? by.actor.id : null;
    await saveConsent(trx, { partyId: party.id, caseId, grants, recordedAt: now, byKind: by.kind, byId: actorId });
    await recordEvents(trx, [{ id: newId(now.getTime()), caseId, at: now, actorKind, actorId, type: 'consent_recorded', detail: { partyRole: party.role } }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind, actorId: by.kind === 'staff' ? by.actor.id : party.id, action: 'case.consent_recorded', caseId,
      detail: { partyId: party.id, role: party.role, by: by.kind, grants: grants.length },
    });
    return currentConsent(trx, caseId, party);
  });
}
