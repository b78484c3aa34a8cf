import { randomBytes } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '../../domain/second-factor.js';
import type { FieldCipher } from './field-cipher.js';
import { base32Encode } from './totp.js';

const PURPOSE = 'staff-recovery-code';

/** A code as typed, without case, spaces or dashes. */
function normalize(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}

/** Ten fresh codes of 60 random bits each, written as two groups of six: `abcdef-ghijkl`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const text = base32Encode(randomBytes(8)).slice(0, 12).toLowerCase();
    return `${text.slice(0, 6)}-${text.slice(6)}`;
  });
}

/** The keyed hash a recovery code is stored as (under the current key). */
export function recoveryCodeHash(cipher: FieldCipher, code: string): string {
  const [current] = cipher.keyedHashes(normalize(code), PURPOSE);
  if (current === undefined) throw new Error('The field cipher has no key.');
  return current;
}

/** Every hash a typed code may be stored under: the current key's, then earlier keys'. */
export function recoveryCodeHashesForLookup(cipher: FieldCipher, code: string): string[] {
  return cipher.keyedHashes(normalize(code), PURPOSE);
}
