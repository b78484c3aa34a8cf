import type { PartyRole } from '../domain/case-parts.js';
import { sealContact } from './security/contact-seal.js';
import type { PartyRow } from '../db/repositories/case-parts.js';
import type { PartyPatch } from '../db/repositories/party-changes.js';
import { accountIndex } from './security/account-index.js';
import { contactIndex } from './security/contact-index.js';
import type { FieldCipher } from './security/field-cipher.js';
import { SEALED } from './context.js';

/** A party as staff see it: the display name opened, the contact address never. */
export interface PartyView {
  id: string;
  role: PartyRole;
  username: string | null;
  displayName: string | null;
  hasContactEmail: boolean;
  canReceiveReplies: boolean;
}

/** What a handler may write about a party; `null` clears a detail, an absent key leaves it. */
export interface PartyDetailsInput {
  role?: PartyRole;
  accountName?: string | null;
  displayName?: string | null;
  contactEmail?: string | null;
}

/** The context a display name is sealed under: bound to its party, so it cannot be moved to another. */
export function displayNameContext(partyId: string): string {
  return `${SEALED.displayName}:${partyId}`;
}

/** Seals what needs sealing and indexes what must be matched; the result is ready to store. */
export function sealPartyDetails(cipher: FieldCipher, partyId: string, input: PartyDetailsInput): PartyPatch {
  const patch: PartyPatch = {};
  if (input.role !== undefined) patch.role = input.role;
  if (input.accountName !== undefined) {
    patch.username = input.accountName;
    patch.accountIndex = input.accountName === null ? null : accountIndex(cipher, input.accountName);
  }
  if (input.displayName !== undefined) {
    patch.displayNameEnc = input.displayName === null ? null : cipher.seal(input.displayName, displayNameContext(partyId));
  }
  if (input.contactEmail !== undefined) {
    patch.contactEmailEnc = input.contactEmail === null ? null : sealContact(cipher, input.contactEmail, partyId);
    patch.contactEmailIndex = input.contactEmail === null ? null : contactIndex(cipher, input.contactEmail);
  }
  return patch;
}

/** The names of the details an input sets or clears, for the audit log (never their values). */
export function changedFields(input: PartyDetailsInput): string[] {
  return (['role', 'accountName', 'displayName', 'contactEmail'] as const).filter((k) => input[k] !== undefined);
}

/** Opens a party's display name for staff. */
export function viewParty(cipher: FieldCipher, row: PartyRow): PartyView {
  return {
    id: row.id, role: row.role, username: row.username,
    displayName: row.displayNameEnc === null ? null : cipher.open(row.displayNameEnc, displayNameContext(row.id)),
    hasContactEmail: row.hasContactEmail, canReceiveReplies: row.canReceiveReplies,
  };
}
