import { SEALED } from '../context.js';
import type { FieldCipher } from './field-cipher.js';

// Addresses (a party's, a staff member's, a desk's emergency contacts) are sealed bound to
// their row: the context is the column followed by the row's id, so a ciphertext copied onto
// another row (or another case, or another desk) does not open there. Values sealed before
// they were bound (the bare column as context) still open, until `haven rotate-key` re-seals
// them bound; a bound value never opens under the bare context, so only those have the fallback.

/** Seals `plain` for column `base`, bound to the row `rowId`. */
export function sealBound(cipher: FieldCipher, plain: string, base: string, rowId: string): string {
  return cipher.seal(plain, `${base}:${rowId}`);
}

/** Opens a value sealed for column `base` on row `rowId` (or, from before binding, for the column alone). */
export function openBound(cipher: FieldCipher, sealed: string, base: string, rowId: string): string {
  try {
    return cipher.open(sealed, `${base}:${rowId}`);
  } catch (bound) {
    try {
      return cipher.open(sealed, base);
    } catch {
      throw bound;
    }
  }
}

/** Whether a sealed value still carries the bare column context of before binding. */
export function isUnbound(cipher: FieldCipher, sealed: string, base: string, rowId: string): boolean {
  try {
    cipher.open(sealed, `${base}:${rowId}`);
    return false;
  } catch {
    return true;
  }
}

/** The sealing context of one party's contact address. */
export function contactContext(partyId: string): string {
  return `${SEALED.contactEmail}:${partyId}`;
}

/** Seals a party's contact address, bound to that party. */
export function sealContact(cipher: FieldCipher, address: string, partyId: string): string {
  return sealBound(cipher, address, SEALED.contactEmail, partyId);
}

/** Opens a party's contact address. */
export function openContact(cipher: FieldCipher, sealed: string, partyId: string): string {
  return openBound(cipher, sealed, SEALED.contactEmail, partyId);
}

/** Whether a party's sealed address predates binding (rotate-key re-seals it). */
export function isUnboundContact(cipher: FieldCipher, sealed: string, partyId: string): boolean {
  return isUnbound(cipher, sealed, SEALED.contactEmail, partyId);
}
