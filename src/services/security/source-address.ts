import type { FieldCipher } from './field-cipher.js';

const PURPOSE = 'source-address';

/**
 * What Haven keeps of a request's source address (for rate limits and the audit of access-code
 * guesses): a keyed hash (HMAC under a key derived from the secret key), shortened to 128 bits.
 * Without the secret key it cannot be tested against the address space, as a plain hash of an
 * IPv4 address trivially could. The address itself is never stored.
 */
export function sourceKey(cipher: FieldCipher, address: string): string {
  const [current] = cipher.keyedHashes(address.trim().toLowerCase(), PURPOSE);
  if (current === undefined) throw new Error('The field cipher has no key.');
  return current.slice(0, 32);
}
