import { SEALED } from '../context.js';
import type { FieldCipher } from './field-cipher.js';

// A party's contact address is sealed bound to its party: the context names the row, so a
// ciphertext copied onto another party (or another case) does not open there.

/** The sealing context of one party's contact address. */
export function contactContext(partyId: string): string {
  return `${SEALED.contactEmail}:${partyId}`;
}

/** Seals a party's contact address, bound to that party. */
export function sealContact(cipher: FieldCipher, address: string, partyId: string): string {
  return cipher.seal(address, contactContext(partyId));
}

/**
 * Opens a party's contact address. Addresses sealed before they were bound to their row (the
 * bare column context) still open, until `haven rotate-key` re-seals them bound; a bound
 * value never opens under the bare context, so only those old values have the fallback.
 */
export function openContact(cipher: FieldCipher, sealed: string, partyId: string): string {
  try {
    return cipher.open(sealed, contactContext(partyId));
  } catch (bound) {
    try {
      return cipher.open(sealed, SEALED.contactEmail);
    } catch {
      throw bound;
    }
  }
}

/** Whether a sealed address still carries the unbound context of before (rotate-key re-seals it). */
export function isUnboundContact(cipher: FieldCipher, sealed: string, partyId: string): boolean {
  try {
    cipher.open(sealed, contactContext(partyId));
    return false;
  } catch {
    return true;
  }
}
