import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from './field-cipher.js';

const CONTEXT = 'case_parties.contact_email';

/** Flips one bit in one dot-separated part of a sealed value, keeping it well-formed base64url. */
function flipBit(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('FieldCipher', () => {
  const key = randomBytes(32);
  const cipher = new FieldCipher(key);

  it.each([
    ['an address', 'someone@example.org'],
    ['an empty string', ''],
    ['non-Latin text', 'пример@пример.рф ✓ 例え'],
    ['a long value', 'x'.repeat(100_000)],
  ])('round-trips %s', (_label, plain) => {
    const sealed = cipher.seal(plain, CONTEXT);
    expect(cipher.open(sealed, CONTEXT)).toBe(plain);
    if (plain.length > 0) expect(sealed).not.toContain(plain);
  });

  it('seals the same value differently each time', () => {
    const a = cipher.seal('same@example.org', CONTEXT);
    const b = cipher.seal('same@example.org', CONTEXT);
    expect(a).not.toBe(b);
    expect(cipher.open(a, CONTEXT)).toBe(cipher.open(b, CONTEXT));
  });

  it.each([[2, 'the IV'], [3, 'the ciphertext'], [4, 'the tag']])('detects tampering with part %i (%s)', (part) => {
    const sealed = cipher.seal('tamper-me@example.org', CONTEXT);
    const tampered = flipBit(sealed, part);
    expect(tampered).not.toBe(sealed);
    expect(() => cipher.open(tampered, CONTEXT)).toThrow();
  });

  it('refuses a value moved to another context', () => {
    const sealed = cipher.seal('moved@example.org', CONTEXT);
    expect(() => cipher.open(sealed, 'evidence.personal_note')).toThrow();
    expect(() => cipher.open(sealed, `${CONTEXT} `)).toThrow();
  });

  it('refuses a value sealed with a key it does not hold, and malformed values', () => {
    const other = new FieldCipher(randomBytes(32));
    expect(() => other.open(cipher.seal('x@example.org', CONTEXT), CONTEXT)).toThrow(/No encryption key/);
    for (const bad of ['', 'plain@example.org', 'v2.a.b.c.d', 'v1.onlytwo']) expect(() => cipher.open(bad, CONTEXT)).toThrow();
  });

  it('opens values sealed under a previous key after rotation, and seals new ones under the current key', () => {
    const oldKey = randomBytes(32);
    const before = new FieldCipher(oldKey);
    const sealedBefore = before.seal('kept@example.org', CONTEXT);
    const after = new FieldCipher(randomBytes(32), [oldKey]);
    expect(after.open(sealedBefore, CONTEXT)).toBe('kept@example.org');
    expect(after.isStale(sealedBefore)).toBe(true);
    const sealedAfter = after.seal('kept@example.org', CONTEXT);
    expect(after.isStale(sealedAfter)).toBe(false);
    expect(sealedAfter.split('.')[1]).not.toBe(sealedBefore.split('.')[1]);
    // The old key alone cannot read what the new key sealed.
    expect(() => before.open(sealedAfter, CONTEXT)).toThrow();
    // Once the old key is dropped from configuration, its values are unreadable rather than misread.
    expect(() => new FieldCipher(randomBytes(32)).open(sealedBefore, CONTEXT)).toThrow(/No encryption key/);
  });

  it('takes only 32-byte keys', () => {
    expect(() => new FieldCipher(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => new FieldCipher(randomBytes(32), [])).not.toThrow();
  });

  it('names a key by a fingerprint that does not reveal it', () => {
    const id = FieldCipher.keyId(key);
    expect(id).toBe(FieldCipher.keyId(Buffer.from(key)));
    expect(id).not.toBe(FieldCipher.keyId(randomBytes(32)));
    expect(id).not.toBe(key.toString('base64url').slice(0, id.length));
  });

  it('makes keyed hashes per purpose that survive a rotation and reveal neither key nor value', () => {
    const value = 'someone@example.org';
    const [hash] = cipher.keyedHashes(value, 'contact-email');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.keyedHashes(value, 'contact-email')).toEqual([hash]);
    expect(cipher.keyedHashes('someone-else@example.org', 'contact-email')[0]).not.toBe(hash);
    // Another purpose, or a cipher with another key, gives an unrelated hash.
    expect(cipher.keyedHashes(value, 'idempotency')[0]).not.toBe(hash);
    expect(new FieldCipher(randomBytes(32)).keyedHashes(value, 'contact-email')[0]).not.toBe(hash);
    // Not the plain HMAC under the encryption key itself: the key is derived per purpose.
    expect(createHmac('sha256', key).update(value).digest('hex')).not.toBe(hash);
    // After a rotation the new key's hash comes first and the old one is still offered for lookups.
    const rotated = new FieldCipher(randomBytes(32), [key]);
    const hashes = rotated.keyedHashes(value, 'contact-email');
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).not.toBe(hash);
    expect(hashes[1]).toBe(hash);
  });
});
