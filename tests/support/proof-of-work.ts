import { createHash } from 'node:crypto';
import type { PowChallenge } from '../../src/services/security/proof-of-work.js';

/** Solves a challenge the way the browser script does: tries every number up to the maximum. */
export function solvePow(challenge: PowChallenge): number {
  for (let n = 0; n <= challenge.maxnumber; n += 1) {
    if (createHash('sha256').update(`${challenge.salt}${n}`).digest('hex') === challenge.challenge) return n;
  }
  throw new Error('the challenge has no solution');
}
