import { appendAudit } from '../db/repositories/audit-log.js';
import {
  countRotated, readRotatedBatch, readRotationSteps, replaceRotated, saveRotationStep,
  type IndexColumn, type RotatedColumn, type RotationStep,
} from '../db/repositories/key-rotation.js';
import { auditChain } from './audit-chain.js';
import { SEALED, type ServiceContext } from './context.js';
import { accountIndex } from './security/account-index.js';
import { accountNameContext } from './party-details.js';
import { isPlainPacket, openPacket, sealPacket } from './referral-packet-seal.js';
import { contactIndex } from './security/contact-index.js';
import { isUnbound, isUnboundContact, openBound, openContact, sealBound, sealContact } from './security/contact-seal.js';
import type { FieldCipher } from './security/field-cipher.js';
import { evidenceAddress, evidenceContext, isSealedEvidence } from './security/evidence-seal.js';

/**
 * What one step does to a row's value: null when it needs nothing, else the value to write
 * and the blind indexes to write beside it. Throws when the value cannot be opened.
 */
type Rework = (cipher: FieldCipher, id: string, value: string) => { next: string; indexes?: Partial<Record<IndexColumn, string>> } | null;

/** A value sealed under a fixed context (bound to its row when the context names the id). */
function resealed(context: (id: string) => string): Rework {
  return (cipher, id, value) => (cipher.isStale(value) ? { next: cipher.seal(cipher.open(value, context(id)), context(id)) } : null);
}

/** A value bound to its row: re-sealed when stale, and bound when it predates binding. */
function rebound(column: string): Rework {
  return (cipher, id, value) => (!cipher.isStale(value) && !isUnbound(cipher, value, column, id)
    ? null : { next: sealBound(cipher, openBound(cipher, value, column, id), column, id) });
}

/** A value whose bytes are sealed (an evidence file's content), under a fixed context. */
function resealedBytes(context: (id: string) => string): Rework {
  return (cipher, id, value) => (cipher.isStale(value) ? { next: cipher.sealBytes(cipher.openBytes(value, context(id)), context(id)) } : null);
}

/**
 * Every sealed column and blind index Haven keeps, in the order rotate-key walks them.
 * `batch` caps the rows of a step read at once (files are large); `plain` says which stored
 * values predate sealing, so they count as left to do until the walk seals them.
 */
const STEPS: readonly { column: RotatedColumn; rework: Rework; batch?: number; plain?: (value: string) => boolean }[] = [
  {
    column: 'case_parties.contact_email_enc',
    // Also binds addresses sealed before they were bound to their party, and rewrites their index.
    rework: (cipher, id, value) => {
      if (!cipher.isStale(value) && !isUnboundContact(cipher, value, id)) return null;
      const address = openContact(cipher, value, id);
      return { next: sealContact(cipher, address, id), indexes: { contact_email_index: contactIndex(cipher, address) } };
    },
  },
  { column: 'case_parties.display_name_enc', rework: resealed((id) => `${SEALED.displayName}:${id}`) },
  {
    column: 'case_parties.username',
    // A reported account's name is not sealed; its blind index (and matching key) is rewritten under the current key.
    rework: (cipher, _id, value) => {
      const index = accountIndex(cipher, value);
      return { next: value, indexes: { account_index: index, account_key: index } };
    },
  },
  {
    column: 'case_parties.username_enc',
    // Anyone else's name is sealed to its party: re-sealed, and its index rewritten, under the current key.
    rework: (cipher, id, value) => {
      if (!cipher.isStale(value)) return null;
      const name = cipher.open(value, accountNameContext(id));
      const index = accountIndex(cipher, name);
      return { next: cipher.seal(name, accountNameContext(id)), indexes: { account_index: index, account_key: index } };
    },
  },
  { column: 'staff_users.email_enc', rework: rebound(SEALED.staffEmail) },
  { column: 'staff_users.totp_secret_enc', rework: resealed((id) => `${SEALED.totpSecret}:${id}`) },
  { column: 'staff_users.totp_pending_enc', rework: resealed((id) => `${SEALED.totpSecret}:${id}`) },
  { column: 'intake_receipts.code_enc', rework: resealed((id) => `${SEALED.intakeCode}:${id}`) },
  { column: 'staff_invitations.email_enc', rework: resealed((id) => `${SEALED.invitationEmail}:${id}`) },
  { column: 'desk_emergency_settings.contact_email_enc', rework: rebound(SEALED.emergencyContact) },
  { column: 'desk_emergency_settings.fallback_email_enc', rework: rebound(SEALED.emergencyFallback) },
  {
    column: 'evidence.url',
    // Evidence marked as personal information before it was sealed gets sealed here too.
    rework: (cipher, id, value) => (isSealedEvidence(value) && !cipher.isStale(value)
      ? null : { next: cipher.seal(evidenceAddress(cipher, { id, url: value }), evidenceContext(id)) }),
    plain: (value) => !isSealedEvidence(value),
  },
  // A file is bound to its case and its row: the walk's id is `<case id>:<file id>`.
  { column: 'evidence_files.name_enc', rework: resealed((id) => `${SEALED.evidenceFileName}:${id}`) },
  { column: 'evidence_files.content_enc', rework: resealedBytes((id) => `${SEALED.evidenceFileContent}:${id}`), batch: 4 },
  // A venue's address is bound to its desk and venue: the walk's id is `<desk id>:<venue>`.
  { column: 'desk_venue_addresses.email_enc', rework: resealed((id) => `${SEALED.venueAddress}:${id}`) },
  { column: 'case_referrals.reporter_contact_enc', rework: resealed((id) => `${SEALED.referralContact}:${id}`) },
  {
    column: 'staff_accounts.account_name',
    // The account a staff member linked is matched against parties' indexes: rewritten under the current key like theirs.
    rework: (cipher, _id, value) => ({ next: value, indexes: { account_key: accountIndex(cipher, value) } }),
  },
  {
    column: 'case_referrals.packet',
    // Packets recorded before they were sealed are sealed here too.
    rework: (cipher, id, value) => (!isPlainPacket(value) && !cipher.isStale(value)
      ? null : { next: sealPacket(cipher, id, openPacket(cipher, id, value)) }),
    plain: isPlainPacket,
  },
];

export interface RotationProgress { step: RotatedColumn; done: number; total: number; stepsDone: number; steps: number }

export interface RotationResult {
  keyId: string;
  /** Values re-sealed (or re-indexed) by this run; a resumed run counts only its own. */
  resealed: number;
  /** Whether this run picked up a rotation a previous run left unfinished. */
  resumed: boolean;
  /** Values that no configured key opens: left as they are, and named by step. */
  unreadable: Record<string, number>;
}

/**
 * Re-seals every sealed value not under the current key, and rewrites the blind indexes, a
 * batch at a time while the service keeps running. Each batch commits with its cursor in
 * `key_rotation_steps`, so a run that is killed resumes after the last committed batch. A row
 * changed by someone else between read and write is left to them: their write used the
 * current key already (every process must run with the new key before this starts).
 */
export async function rotateKeys(
  ctx: ServiceContext,
  options: { batchSize?: number; onProgress?: (progress: RotationProgress) => void; afterBatch?: () => Promise<void> } = {},
): Promise<RotationResult> {
  const batchSize = options.batchSize ?? 200;
  const keyId = ctx.cipher.currentKeyId;
  const steps = await readRotationSteps(ctx.db, keyId);
  const resumed = steps.size > 0;
  if (!resumed) {
    await appendAudit(ctx.db, auditChain(ctx), {
      at: ctx.now(), actorKind: 'system', actorId: null, action: 'keys.rotation_started', caseId: null,
      detail: { from: ctx.cipher.previousKeyIds.join(','), to: keyId },
    });
  }
  const unreadable: Record<string, number> = {};
  let resealedCount = 0;
  let stepsDone = [...steps.values()].filter((s) => s.done).length;
  for (const { column, rework, batch } of STEPS) {
    let state: RotationStep = steps.get(column) ?? { step: column, cursor: null, resealed: 0, done: false };
    if (state.done) continue;
    const total = await countRotated(ctx.db, column);
    const limit = Math.min(batchSize, batch ?? batchSize);
    let seen = 0;
    while (!state.done) {
      const current: RotationStep = state;
      state = await ctx.db.transaction().execute(async (trx) => {
        const rows = await readRotatedBatch(trx, column, current.cursor, limit);
        let changed = 0;
        for (const row of rows) {
          let work: ReturnType<Rework>;
          try {
            work = rework(ctx.cipher, row.id, row.value);
          } catch {
            unreadable[column] = (unreadable[column] ?? 0) + 1;
            continue;
          }
          if (work !== null && await replaceRotated(trx, column, row.id, row.value, work.next, work.indexes)) changed += 1;
        }
        const next: RotationStep = {
          step: column, cursor: rows.at(-1)?.id ?? current.cursor, resealed: current.resealed + changed, done: rows.length < limit,
        };
        await saveRotationStep(trx, keyId, next, ctx.now());
        seen += rows.length;
        resealedCount += changed;
        return next;
      });
      if (state.done) stepsDone += 1;
      options.onProgress?.({ step: column, done: Math.min(seen, total), total, stepsDone, steps: STEPS.length });
      await options.afterBatch?.();
    }
  }
  await appendAudit(ctx.db, auditChain(ctx), {
    at: ctx.now(), actorKind: 'system', actorId: null, action: 'keys.rotation_finished', caseId: null,
    detail: { from: ctx.cipher.previousKeyIds.join(','), to: keyId, resealed: resealedCount },
  });
  return { keyId, resealed: resealedCount, resumed, unreadable };
}

/** How many stored values each older key still seals (empty: the older keys open nothing any more). */
export async function valuesUnderOlderKeys(ctx: ServiceContext): Promise<Record<string, number>> {
  const left: Record<string, number> = {};
  for (const { column, plain, batch } of STEPS) {
    // Names kept in the clear beside their blind index: nothing of them is sealed.
    if (column === 'case_parties.username' || column === 'staff_accounts.account_name') continue;
    let cursor: string | null = null;
    for (;;) {
      const limit = batch ?? 1000;
      const rows = await readRotatedBatch(ctx.db, column, cursor, limit);
      for (const row of rows) {
        if (plain?.(row.value) === true || ctx.cipher.isStale(row.value)) left[column] = (left[column] ?? 0) + 1;
      }
      if (rows.length < limit) break;
      cursor = rows.at(-1)?.id ?? null;
    }
  }
  return left;
}
