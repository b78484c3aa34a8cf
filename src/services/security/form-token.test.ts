import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from './field-cipher.js';
import { isIssuedFormToken, issueFormToken } from './form-token.js';

describe('report form tokens', () => {
  const key = randomBytes(32);
  const cipher = new FieldCipher(key);

  it('are accepted when Haven issued them, and are all different', () => {
    const tokens = Array.from({ length: 500 }, () => issueFormToken(cipher));
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(isIssuedFormToken(cipher, token)).toBe(true);
  });

  it('are refused when made up, altered, or issued under another key', () => {
    const token = issueFormToken(cipher);
    const [nonce = '', mac = ''] = token.split('.');
    const flipped = `${nonce}.${mac.slice(0, -1)}${mac.endsWith('0') ? '1' : '0'}`;
    const otherNonce = `${nonce.slice(0, -1)}${nonce.endsWith('A') ? 'B' : 'A'}.${mac}`;
    for (const bad of ['', 'x', nonce, `${nonce}.`, flipped, otherNonce, `${token}x`, issueFormToken(new FieldCipher(randomBytes(32)))]) {
      expect(isIssuedFormToken(cipher, bad), bad).toBe(false);
    }
  });

  it('survive a key rotation while the old key is still configured', () => {
    const token = issueFormToken(cipher);
    expect(isIssuedFormToken(new FieldCipher(randomBytes(32), [key]), token)).toBe(true);
    expect(isIssuedFormToken(new FieldCipher(randomBytes(32)), token)).toBe(false);
  });
});
