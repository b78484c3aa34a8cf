import type { FieldCipher } from './field-cipher.js';

const PURPOSE = 'contact-email';

/**
 * An address as people mean it: no surrounding space, one Unicode form, one case. The local
 * part may in theory be case-sensitive; no mail service people use treats it so, and a
 * reporter who typed `Name@Example.org` must be found when they later type `name@example.org`.
 */
export function normalizeEmailAddress(address: string): string {
  return address.trim().normalize('NFC').toLowerCase();
}

/**
 * The blind index stored beside a sealed contact address: a keyed hash (HMAC) of the normalised
 * address, under a key derived from the secret key. It lets "I lost my code" find the address
 * without opening every sealed one; without the secret key it cannot be tested against a list
 * of guessed addresses, as a plain hash could.
 */
export function contactIndex(cipher: FieldCipher, address: string): string {
  const [current] = cipher.keyedHashes(normalizeEmailAddress(address), PURPOSE);
  if (current === undefined) throw new Error('The field cipher has no key.');
  return current;
}

/** Every index the address may be stored under: the current key's, then those of earlier keys still configured. */
export function contactIndexesForLookup(cipher: FieldCipher, address: string): string[] {
  return cipher.keyedHashes(normalizeEmailAddress(address), PURPOSE);
}
