import { SEALED } from '../context.js';
import type { FieldCipher } from './field-cipher.js';

// Evidence a handler marks as personal information (a doxxing link, a leaked address) is
// sealed in place, bound to its row; unmarking opens it again. Readers that need the address
// (the leak guard, the emergency packet, a logged reveal) open it here.

/** The sealing context of one piece of evidence's address. */
export function evidenceContext(evidenceId: string): string {
  return `${SEALED.evidenceUrl}:${evidenceId}`;
}

/** Whether a stored address is sealed (evidence URLs are http(s) addresses, never `v1.`…). */
export function isSealedEvidence(stored: string): boolean {
  return stored.startsWith('v1.');
}

/** The address of a piece of evidence as stored: opened when sealed. */
export function evidenceAddress(cipher: FieldCipher, evidence: { id: string; url: string }): string {
  return isSealedEvidence(evidence.url) ? cipher.open(evidence.url, evidenceContext(evidence.id)) : evidence.url;
}

/** Evidence rows with their addresses opened, for the readers that need them. */
export function openEvidence<T extends { id: string; url: string }>(cipher: FieldCipher, rows: T[]): T[] {
  return rows.map((row) => ({ ...row, url: evidenceAddress(cipher, row) }));
}
