import { randomBytes } from 'node:crypto';
import type { FieldCipher } from './field-cipher.js';
import { safeEqual } from './tokens.js';

const PURPOSE = 'report-form-token';

/**
 * The report form's one-time token, sent back in a hidden field: the form's idempotency key, as
 * browsers send no Idempotency-Key of their own. 192 random bits and a MAC under a key derived
 * from the secret key, so Haven accepts only tokens it issued: nobody can choose, or guess, the
 * token another reporter's form carries. Nothing is stored until the form is sent.
 */
export function issueFormToken(cipher: FieldCipher): string {
  const nonce = randomBytes(24).toString('base64url');
  return `${nonce}.${mac(cipher, nonce)[0] ?? ''}`;
}

/** Whether Haven issued this token (under its current or an earlier secret key). */
export function isIssuedFormToken(cipher: FieldCipher, token: string): boolean {
  const match = /^([A-Za-z0-9_-]{32})\.([0-9a-f]{32})$/.exec(token);
  if (match === null) return false;
  const [, nonce = '', sent = ''] = match;
  return mac(cipher, nonce).some((expected) => safeEqual(expected, sent));
}

function mac(cipher: FieldCipher, nonce: string): string[] {
  // 128 bits of the HMAC are plenty for a check made online, one request at a time.
  return cipher.keyedHashes(nonce, PURPOSE).map((h) => h.slice(0, 32));
}
