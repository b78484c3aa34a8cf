import type { AuditChain } from '../db/repositories/audit-log.js';
import type { ServiceContext } from './context.js';
import type { FieldCipher } from './security/field-cipher.js';

const PURPOSE = 'audit-chain';

/** The keyed hash of the audit chain: HMAC under a key derived from the secret key (one per configured key). */
export function auditMac(cipher: FieldCipher): (material: string) => string[] {
  return (material) => cipher.keyedHashes(material, PURPOSE);
}

/**
 * How this context links audit entries: keyed by the secret key (HAVEN_SECRET_KEY or
 * secret.key), which is never in the database. Every service appends with this.
 */
export function auditChain(ctx: Pick<ServiceContext, 'dialect' | 'cipher'>): AuditChain {
  return { dialect: ctx.dialect, mac: auditMac(ctx.cipher) };
}
