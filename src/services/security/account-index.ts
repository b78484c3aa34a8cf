import { normaliseAccountName } from '../../domain/account-names.js';
import type { FieldCipher } from './field-cipher.js';

const PURPOSE = 'account-name';

/**
 * The blind index stored beside a party's account name: a keyed hash (HMAC) of its normalised
 * form (domain/account-names.ts), so cases naming one account, and staff whose own account a
 * case names, can be matched by an index lookup, and the index alone cannot be tested against
 * a list of guessed names without the secret key.
 */
export function accountIndex(cipher: FieldCipher, name: string): string {
  const [current] = cipher.keyedHashes(normaliseAccountName(name), PURPOSE);
  if (current === undefined) throw new Error('The field cipher has no key.');
  return current;
}

/** Every index the name may be stored under: the current key's, then those of earlier keys still configured. */
export function accountIndexesForLookup(cipher: FieldCipher, name: string): string[] {
  return cipher.keyedHashes(normaliseAccountName(name), PURPOSE);
}
