import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { FieldCipher } from './field-cipher.js';
import { safeEqual } from './tokens.js';

const PURPOSE = 'intake-proof-of-work';

/**
 * A challenge as the browser gets it (the ALTCHA format): find `number` in [0, maxnumber] with
 * SHA-256(salt + number) = challenge. The salt carries its expiry, and the signature (an HMAC
 * under a key derived from the secret key) binds challenge and salt together, so a client can
 * neither make its own easy challenge nor extend an old one. Nothing is stored when one is issued.
 */
export interface PowChallenge { algorithm: 'SHA-256'; challenge: string; maxnumber: number; salt: string; signature: string }

/** A solved challenge, as the browser sends it back (base64 of this JSON). */
interface PowSolution { algorithm: string; challenge: string; number: number; salt: string; signature: string }

/** Why a solution was refused; `replayed` is decided by the caller, which remembers used challenges. */
export type PowCheck = { ok: true; challenge: string; expiresAt: Date } | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'wrong' };

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A fresh challenge: a random number below `maxnumber` to find, valid for `lifetimeMs`. */
export function issuePowChallenge(cipher: FieldCipher, now: Date, maxnumber: number, lifetimeMs: number): PowChallenge {
  const expires = Math.floor((now.getTime() + lifetimeMs) / 1000);
  const salt = `${randomBytes(12).toString('hex')}?expires=${expires}`;
  const challenge = sha256(`${salt}${randomInt(0, maxnumber + 1)}`);
  return { algorithm: 'SHA-256', challenge, maxnumber, salt, signature: sign(cipher, challenge, salt)[0] ?? '' };
}

/** Checks a solution sent with a report: well formed, ours, not expired, and right. */
export function checkPowSolution(cipher: FieldCipher, payload: string, now: Date): PowCheck {
  const solution = parse(payload);
  if (solution === null) return { ok: false, reason: 'malformed' };
  if (!sign(cipher, solution.challenge, solution.salt).some((s) => safeEqual(s, solution.signature))) return { ok: false, reason: 'forged' };
  const expires = /[?&]expires=(\d{1,12})(?:&|$)/.exec(solution.salt)?.[1];
  if (expires === undefined) return { ok: false, reason: 'malformed' };
  const expiresAt = new Date(Number(expires) * 1000);
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  if (sha256(`${solution.salt}${solution.number}`) !== solution.challenge) return { ok: false, reason: 'wrong' };
  return { ok: true, challenge: solution.challenge, expiresAt };
}

/** The browser's payload: base64 JSON of a solution. */
export function encodePowSolution(challenge: PowChallenge, number: number): string {
  const { algorithm, challenge: c, salt, signature } = challenge;
  return Buffer.from(JSON.stringify({ algorithm, challenge: c, number, salt, signature }), 'utf8').toString('base64');
}

function sign(cipher: FieldCipher, challenge: string, salt: string): string[] {
  // The salt is signed with the challenge so its expiry cannot be changed.
  return cipher.keyedHashes(`${challenge}\u0000${salt}`, PURPOSE);
}

function parse(payload: string): PowSolution | null {
  if (payload.length > 2000 || !/^[A-Za-z0-9+/=]+$/.test(payload)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  const v = value as Partial<Record<keyof PowSolution, unknown>> | null;
  if (v === null || typeof v !== 'object' || v.algorithm !== 'SHA-256') return null;
  if (typeof v.challenge !== 'string' || !/^[0-9a-f]{64}$/.test(v.challenge)) return null;
  if (typeof v.salt !== 'string' || v.salt.length > 200 || typeof v.signature !== 'string' || !/^[0-9a-f]{64}$/.test(v.signature)) return null;
  if (typeof v.number !== 'number' || !Number.isSafeInteger(v.number) || v.number < 0) return null;
  return { algorithm: v.algorithm, challenge: v.challenge, number: v.number, salt: v.salt, signature: v.signature };
}
