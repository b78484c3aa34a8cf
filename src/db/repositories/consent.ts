import {
  CONSENT_AUDIENCES, CONSENT_SUBJECTS, CONSENTING_ROLES, type ConsentGrant, type PartyConsent,
} from '../../domain/consent.js';
import { isOneOf } from '../../domain/closed-sets.js';
import type { HavenDb } from '../connection.js';
import { toDate } from '../schema.js';
import { storedValue } from './stored-value.js';

/** Replaces a party's consent (a consent is replaced whole, never edited in place). */
export async function saveConsent(
  db: HavenDb,
  row: { partyId: string; caseId: string; grants: readonly ConsentGrant[]; recordedAt: Date; byKind: 'party' | 'staff'; byId: string | null },
): Promise<void> {
  const values = {
    grants: JSON.stringify(row.grants.map((g) => ({ subject: g.subject, audience: g.audience }))),
    recorded_at: row.recordedAt.toISOString(), recorded_by_kind: row.byKind, recorded_by_id: row.byId,
  };
  await db.insertInto('party_consents').values({ party_id: row.partyId, case_id: row.caseId, ...values })
    .onConflict((oc) => oc.column('party_id').doUpdateSet(values)).execute();
}

/** Every consent recorded on a case (reporter, target), each with the party's current role. */
export async function listConsents(db: HavenDb, caseId: string): Promise<PartyConsent[]> {
  const rows = await db.selectFrom('party_consents')
    .innerJoin('case_parties', 'case_parties.id', 'party_consents.party_id')
    .select(['party_consents.party_id', 'case_parties.role', 'party_consents.grants', 'party_consents.recorded_at'])
    .where('party_consents.case_id', '=', caseId)
    .orderBy('party_consents.party_id')
    .execute();
  return rows.flatMap((r) => {
    // A party whose role changed since (say, to witness) no longer consents for the case.
    if (!isOneOf(CONSENTING_ROLES, r.role)) return [];
    return [{ partyId: r.party_id, role: r.role, grants: parseGrants(r.grants), recordedAt: toDate(r.recorded_at).toISOString() }];
  });
}

function parseGrants(json: string): ConsentGrant[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error('party_consents.grants is not a list');
  return parsed.map((g: { subject?: unknown; audience?: unknown }) => ({
    subject: storedValue(String(g.subject), (v): v is ConsentGrant['subject'] => isOneOf(CONSENT_SUBJECTS, v), 'party_consents.grants.subject'),
    audience: storedValue(String(g.audience), (v): v is ConsentGrant['audience'] => isOneOf(CONSENT_AUDIENCES, v), 'party_consents.grants.audience'),
  }));
}
