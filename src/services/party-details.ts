import { accountNameInClear, type PartyRole } from '../domain/case-parts.js';
import { sealContact } from './security/contact-seal.js';
import { listParties, type PartyRow } from '../db/repositories/case-parts.js';
import { listRecusals } from '../db/repositories/recusals.js';
import type { HavenDb } from '../db/connection.js';
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

/** The context an account name is sealed under: bound to its party, like the display name. */
export function accountNameContext(partyId: string): string {
  return `${SEALED.accountName}:${partyId}`;
}

/** How one party's account name is stored: its two columns and its blind index. */
export interface StoredAccountName { username: string | null; usernameEnc: string | null; accountIndex: string | null }

/**
 * Stores an account name as the party's role asks (domain accountNameInClear): a reported
 * account in the clear, anyone else's sealed bound to the party. Both get the blind index
 * that links cases and recuses staff.
 */
export function storeAccountName(cipher: FieldCipher, partyId: string, role: PartyRole, name: string | null): StoredAccountName {
  if (name === null) return { username: null, usernameEnc: null, accountIndex: null };
  const index = accountIndex(cipher, name);
  return accountNameInClear(role)
    ? { username: name, usernameEnc: null, accountIndex: index }
    : { username: null, usernameEnc: cipher.seal(name, accountNameContext(partyId)), accountIndex: index };
}

/** A party's account name, opened if it is sealed. */
export function openAccountName(cipher: FieldCipher, party: { id: string; clearAccountName: string | null; usernameEnc: string | null }): string | null {
  return party.usernameEnc === null ? party.clearAccountName : cipher.open(party.usernameEnc, accountNameContext(party.id));
}

/**
 * Seals what needs sealing and indexes what must be matched; the result is ready to store.
 * `role` is the party's role once the input applies: it decides whether the name is sealed.
 */
export function sealPartyDetails(cipher: FieldCipher, partyId: string, input: PartyDetailsInput, role: PartyRole): PartyPatch {
  const patch: PartyPatch = {};
  if (input.role !== undefined) patch.role = input.role;
  if (input.accountName !== undefined) Object.assign(patch, storeAccountName(cipher, partyId, role, input.accountName));
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
    id: row.id, role: row.role, username: openAccountName(cipher, row),
    displayName: row.displayNameEnc === null ? null : cipher.open(row.displayNameEnc, displayNameContext(row.id)),
    hasContactEmail: row.hasContactEmail, canReceiveReplies: row.canReceiveReplies,
  };
}

/** A party as a change left it, and whether the change recused the staff member who made it. */
export interface PartyChange { party: PartyView; recused: boolean }

/**
 * Reads, in the change's own transaction, the party as it now stands and whether the actor is
 * now recused: naming an account they linked as their own keeps the change and recuses them,
 * so the answer is the change's, not a 404 from a case they may no longer open.
 */
export async function partyChange(trx: HavenDb, ctx: { cipher: FieldCipher }, caseId: string, partyId: string, actorId: string): Promise<PartyChange> {
  const row = (await listParties(trx, caseId)).find((p) => p.id === partyId);
  if (row === undefined) throw new Error('The party just written is missing.');
  const recused = (await listRecusals(trx, caseId)).some((r) => r.userId === actorId);
  return { party: viewParty(ctx.cipher, row), recused };
}
