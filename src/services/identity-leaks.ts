import { findLeaks, type LeakHit, type ProtectedIdentifier } from '../domain/leak-guard.js';
import { openEvidence } from './security/evidence-seal.js';
import { openContact } from './security/contact-seal.js';
import type { ConsentingRole } from '../domain/consent.js';
import { findPartyContact, listEvidence, listParties } from '../db/repositories/case-parts.js';
import type { HavenDb } from '../db/connection.js';
import { caseConsents } from './case-consents.js';
import { displayNameContext, openAccountName } from './party-details.js';
import { AppError } from './errors.js';
import type { FieldCipher } from './security/field-cipher.js';

const PROTECTED_ROLES: readonly ConsentingRole[] = ['reporter', 'target'];

/**
 * Searches `text`, meant for a reported person, for what identifies the case's reporter and
 * target: account names, display names, addresses, and evidence supplied privately. What a
 * party agreed may go to the reported person (their consent) is not searched for. Public
 * evidence (the case's links not marked private, and any wiki diff) does not count.
 */
export async function findIdentityLeaks(db: HavenDb, cipher: FieldCipher, caseId: string, text: string): Promise<LeakHit[]> {
  const [parties, evidence, consents] = [await listParties(db, caseId), openEvidence(cipher, await listEvidence(db, caseId)), await caseConsents(db, caseId)];
  const identifiers: ProtectedIdentifier[] = [];
  for (const party of parties) {
    const role = PROTECTED_ROLES.find((r) => r === party.role);
    if (role === undefined) continue;
    if (!consents.mayShare(role, 'identity', 'reported_person')) {
      const accountName = openAccountName(cipher, party);
      if (accountName !== null) identifiers.push({ kind: 'account_name', label: role, value: accountName });
      if (party.displayNameEnc !== null) identifiers.push({ kind: 'display_name', label: role, value: cipher.open(party.displayNameEnc, displayNameContext(party.id)) });
    }
    if (party.hasContactEmail && !consents.mayShare(role, 'contact', 'reported_person')) {
      const sealed = await findPartyContact(db, party.id);
      if (sealed !== null) identifiers.push({ kind: 'email', label: role, value: openContact(cipher, sealed, party.id) });
    }
  }
  for (const item of evidence.filter((e) => e.isPrivate)) {
    const role = PROTECTED_ROLES.find((r) => r === item.suppliedBy) ?? 'reporter';
    if (!consents.mayShare(role, 'private_evidence', 'reported_person')) identifiers.push({ kind: 'private_evidence', label: role, value: item.url });
  }
  return findLeaks({ text, identifiers, publicLinks: evidence.filter((e) => !e.isPrivate).map((e) => e.url) });
}

const KIND_WORDS: Readonly<Record<LeakHit['kind'], string>> = {
  account_name: 'account name', display_name: 'name', email: 'email address', private_evidence: 'private evidence',
};

/** The refusal for a text that names the reporter or the target: 409, each find named in `fields`. */
export function identityLeakError(hits: readonly LeakHit[], path: string): AppError {
  return new AppError('identity_leak', 'This message would tell the reported person who is involved. Remove what is named below, or send it anyway with a written reason.',
    hits.map((h) => ({ path, message: `The ${h.label}'s ${KIND_WORDS[h.kind]}: "${h.found}"` })), undefined,
    hits.map((h) => ({ party: h.label, kind: h.kind, found: h.found })));
}
