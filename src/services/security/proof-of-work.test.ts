import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from './field-cipher.js';
import { solvePow } from '../../../tests/support/proof-of-work.js';
import { checkPowSolution, encodePowSolution, issuePowChallenge } from './proof-of-work.js';

const now = new Date('2026-03-02T10:00:00.000Z');
const cipher = new FieldCipher(randomBytes(32));

const reencode = (fields: Record<string, unknown>): string => Buffer.from(JSON.stringify(fields)).toString('base64');

describe('proof of work (ALTCHA format)', () => {
  const challenge = issuePowChallenge(cipher, now, 500, 10 * 60_000);
  const number = solvePow(challenge);
  const solved = { algorithm: 'SHA-256', challenge: challenge.challenge, number, salt: challenge.salt, signature: challenge.signature };

  it('accepts a solved challenge before it expires', () => {
    const check = checkPowSolution(cipher, encodePowSolution(challenge, number), new Date(now.getTime() + 9 * 60_000));
    expect(check).toEqual({ ok: true, challenge: challenge.challenge, expiresAt: new Date(Math.floor((now.getTime() + 10 * 60_000) / 1000) * 1000) });
  });

  it('refuses a wrong number, an expired challenge, and a challenge signed with another key', () => {
    expect(checkPowSolution(cipher, reencode({ ...solved, number: number + 1 }), now)).toEqual({ ok: false, reason: 'wrong' });
    expect(checkPowSolution(cipher, encodePowSolution(challenge, number), new Date(now.getTime() + 10 * 60_000))).toEqual({ ok: false, reason: 'expired' });
    const stranger = new FieldCipher(randomBytes(32));
    expect(checkPowSolution(stranger, encodePowSolution(challenge, number), now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a challenge made by the client, and a salt whose expiry was moved', () => {
    const salt = 'aaaa?expires=9999999999';
    const own = createHash('sha256').update(`${salt}1`).digest('hex');
    expect(checkPowSolution(cipher, reencode({ ...solved, salt, challenge: own, number: 1 }), now)).toEqual({ ok: false, reason: 'forged' });
    const later = challenge.salt.replace(/expires=\d+/, 'expires=9999999999');
    expect(checkPowSolution(cipher, reencode({ ...solved, salt: later }), now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses what is not a solution at all', () => {
    for (const payload of ['', 'not base64!', Buffer.from('[]').toString('base64'), reencode({ ...solved, algorithm: 'SHA-1' }), reencode({ ...solved, number: -1 })]) {
      expect(checkPowSolution(cipher, payload, now)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
