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
  return groupAccessCode(chars);
}

/** A code as Haven shows it everywhere: canonical, in groups of four joined by dashes. */
export function groupAccessCode(code: string): string {
  const canonical = normalizeAccessCode(code);
  return canonical.match(/.{1,4}/g)?.join('-') ?? canonical;
}

// What a phone adds when a code is copied, pasted or typed: any kind of space (no-break, thin,
// ideographic), zero-width characters and soft hyphens, and every dash (hyphen, non-breaking
// hyphen, en and em dash, minus). NFKC first turns full-width letters and digits into ASCII.
const SEPARATORS = /[\s\p{Zs}\p{Pd}\u00AD\u200B-\u200D\u2060\u2212\uFEFF]/gu;

/** Canonical form of a typed code: case, spaces, dashes and look-alike letters forgiven. */
export function normalizeAccessCode(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(SEPARATORS, '')
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
