import { sql } from 'kysely';
import type { HavenDb } from '../connection.js';

// A staff member's TOTP secret, the enrolment in progress, and recovery codes. Secrets come in
// and go out sealed; codes only as keyed hashes.

export interface TotpRow { secretEnc: string | null; pendingEnc: string | null; lastStep: number | null }

/** The TOTP state of an account, or null when there is no such account. */
export async function findTotp(db: HavenDb, userId: string): Promise<TotpRow | null> {
  const row = await db.selectFrom('staff_users').select(['totp_secret_enc', 'totp_pending_enc', 'totp_last_step'])
    .where('id', '=', userId).executeTakeFirst();
  if (row === undefined) return null;
  return { secretEnc: row.totp_secret_enc, pendingEnc: row.totp_pending_enc, lastStep: row.totp_last_step === null ? null : Number(row.totp_last_step) };
}

/** Keeps a secret shown for enrolment until a code confirms it (replacing any earlier one). */
export async function setPendingTotp(db: HavenDb, userId: string, pendingEnc: string): Promise<void> {
  await db.updateTable('staff_users').set({ totp_pending_enc: pendingEnc }).where('id', '=', userId).execute();
}

/**
 * Makes the pending secret the account's, with the step its confirming code used. Only while
 * no secret is enrolled: two confirmations racing cannot both win.
 */
export async function confirmTotp(db: HavenDb, input: { userId: string; secretEnc: string; step: number }): Promise<boolean> {
  const result = await db.updateTable('staff_users')
    .set({ totp_secret_enc: input.secretEnc, totp_pending_enc: null, totp_last_step: input.step })
    .where('id', '=', input.userId).where('totp_secret_enc', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records that a code of `step` was used, only if no code of that step or a later one was:
 * the conditional update is the replay check, so two requests with the same code cannot both pass.
 */
export async function useTotpStep(db: HavenDb, userId: string, step: number): Promise<boolean> {
  const result = await db.updateTable('staff_users').set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes the second factor (secret, enrolment in progress and recovery codes). */
export async function clearSecondFactor(db: HavenDb, userId: string): Promise<boolean> {
  const result = await db.updateTable('staff_users').set({ totp_secret_enc: null, totp_pending_enc: null, totp_last_step: null })
    .where('id', '=', userId).executeTakeFirst();
  await db.deleteFrom('staff_recovery_codes').where('user_id', '=', userId).execute();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces someone's recovery codes with new ones (by their hashes). */
export async function replaceRecoveryCodes(db: HavenDb, input: { userId: string; codes: { id: string; hash: string }[]; now: Date }): Promise<void> {
  await db.deleteFrom('staff_recovery_codes').where('user_id', '=', input.userId).execute();
  await db.insertInto('staff_recovery_codes')
    .values(input.codes.map((c) => ({ id: c.id, user_id: input.userId, code_hash: c.hash, created_at: input.now.toISOString(), used_at: null })))
    .execute();
}

/** Uses up one unused recovery code matching any of these hashes; false when none does. */
export async function useRecoveryCode(db: HavenDb, input: { userId: string; hashes: string[]; now: Date }): Promise<boolean> {
  if (input.hashes.length === 0) return false;
  // One row at most: the sub-select picks it, the update's own condition keeps it single-use.
  const result = await db.updateTable('staff_recovery_codes').set({ used_at: input.now.toISOString() })
    .where('id', '=', (eb) => eb.selectFrom('staff_recovery_codes').select('id')
      .where('user_id', '=', input.userId).where('code_hash', 'in', input.hashes).where('used_at', 'is', null).limit(1))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many unused recovery codes someone has left. */
export async function countRecoveryCodesLeft(db: HavenDb, userId: string): Promise<number> {
  const row = await db.selectFrom('staff_recovery_codes').select(sql<number | string>`count(*)`.as('n'))
    .where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}
