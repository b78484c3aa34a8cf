import { createHmac } from 'node:crypto';

// An authenticator app in a few lines, written apart from src/services/security/totp.ts so the
// tests do not check Haven's TOTP with Haven's own code (that one is checked against the RFCs).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The six-digit code an authenticator app shows for a base32 secret at `at`, `offsetSteps` steps later. */
export function authenticatorCode(secret: string, at: Date, offsetSteps = 0): string {
  const bits = Array.from(secret.replace(/\s/g, '').toUpperCase(), (c) => c).map((c) => ALPHABET.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000) + offsetSteps));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac.at(-1) ?? 0) & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
