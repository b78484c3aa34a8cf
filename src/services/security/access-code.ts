import { randomBytes } from 'node:crypto';
import { hashToken } from './tokens.js';

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_BYTES = 17; // 136 bits from the CSPRNG, above the 128 the design asks for.
const CODE_CHARS = Math.ceil((CODE_BYTES * 8) / 5);

/** A new reporter access code, grouped in fours for reading: `7K2Q-…`. */
export function generateAccessCode(): string {
  const bytes = randomBytes(CODE_BYTES);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let chars = '';
  for (let i = 0; i < CODE_CHARS; i += 1) {
    chars = ALPHABET.charAt(Number(bits & 31n)) + chars;
    bits >>= 5n;
  }
  return chars.match(/.{1,4}/g)?.join('-') ?? chars;
}

/** Canonical form of a typed code: case, spaces, dashes and look-alike letters forgiven. */
export function normalizeAccessCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** Whether a typed code could be a Haven access code at all. */
export function isWellFormedAccessCode(input: string): boolean {
  const code = normalizeAccessCode(input);
  return code.length === CODE_CHARS && /^[0-9A-HJKMNP-TV-Z]+$/.test(code);
}

/** The stored hash of an access code. A fast hash is enough: the code has 136 random bits. */
export function hashAccessCode(input: string): string {
  return hashToken(normalizeAccessCode(input), 'haven-access-code');
}
