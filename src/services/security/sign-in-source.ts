import type { FieldCipher } from './field-cipher.js';

const PURPOSE = 'sign-in-source';

/**
 * The key a sign-in attempt's source address is throttled and shown under: a keyed hash, so
 * the database never holds the addresses staff sign in from, and a stolen copy cannot be
 * tested against the small space of IPv4 addresses without the secret key.
 */
export function signInSourceKey(cipher: FieldCipher, address: string): string {
  const [current] = cipher.keyedHashes(address, PURPOSE);
  if (current === undefined) throw new Error('The field cipher has no key.');
  return current.slice(0, 32);
}
