import { ReferralPacket } from '../shared/api/referrals.js';
import { SEALED } from './context.js';
import type { FieldCipher } from './security/field-cipher.js';

// A referral's packet is what went to a venue outside the desk: the reporter's and the target's
// account names when their consent allowed it, the evidence, the timeline. It is kept sealed,
// bound to its referral, like the reporter's address beside it.

function packetContext(referralId: string): string {
  return `${SEALED.referralPacket}:${referralId}`;
}

/** Whether a stored packet is the plain JSON of a version that did not seal packets yet. */
export function isPlainPacket(stored: string): boolean {
  return stored.startsWith('{');
}

/** Seals a packet for storage with its referral. */
export function sealPacket(cipher: FieldCipher, referralId: string, packet: ReferralPacket): string {
  return cipher.seal(JSON.stringify(packet), packetContext(referralId));
}

/** Opens a stored packet (plain JSON from before packets were sealed is read as it is, until `haven rotate-key` seals it). */
export function openPacket(cipher: FieldCipher, referralId: string, stored: string): ReferralPacket {
  const json = isPlainPacket(stored) ? stored : cipher.open(stored, packetContext(referralId));
  return ReferralPacket.parse(JSON.parse(json));
}
