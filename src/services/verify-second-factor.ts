import { auditChain } from './audit-chain.js';
import { countRecoveryCodesLeft, findTotp, useRecoveryCode, useTotpStep } from '../db/repositories/staff-second-factor.js';
import { clearLoginFailures, markSecondFactorGiven } from '../db/repositories/staff-sessions.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { base32Decode, matchTotpStep, normalizeTotpCode } from './security/totp.js';
import { recoveryCodeHashesForLookup } from './security/recovery-codes.js';
import { signInSourceKey } from './security/sign-in-source.js';
import { admitAttempt } from './staff-session.js';
import { AppError } from './errors.js';
import { SEALED, type ServiceContext } from './context.js';

/** A code from the app, or one of the recovery codes. */
export type SecondFactorProof = { code: string } | { recoveryCode: string };

/**
 * Completes a session's sign-in with its second factor. Attempts share the password's
 * throttle (per username and source). A TOTP code is good once: its step must be later than
 * the last one used, and the conditional update that records it settles a race between two
 * requests carrying the same code. A recovery code is used up by the same kind of update.
 */
export async function verifySecondFactor(
  ctx: ServiceContext,
  staff: { userId: string; username: string; sessionId: string; sourceAddress: string },
  proof: SecondFactorProof,
): Promise<{ recoveryCodesLeft: number }> {
  const source = signInSourceKey(ctx.cipher, staff.sourceAddress);
  await admitAttempt(ctx, staff.username, source);
  const now = ctx.now();
  const totp = await findTotp(ctx.db, staff.userId);
  if (totp?.secretEnc == null) throw new AppError('conflict', 'There is no second factor to give: set one up first.');
  const method = 'code' in proof ? 'totp' as const : 'recovery_code' as const;
  const left = await ctx.db.transaction().execute(async (trx) => {
    let ok: boolean;
    if ('code' in proof) {
      const secret = base32Decode(ctx.cipher.open(totp.secretEnc ?? '', `${SEALED.totpSecret}:${staff.userId}`));
      const step = matchTotpStep(secret, normalizeTotpCode(proof.code), now, totp.lastStep);
      ok = step !== null && await useTotpStep(trx, staff.userId, step);
    } else {
      ok = await useRecoveryCode(trx, { userId: staff.userId, hashes: recoveryCodeHashesForLookup(ctx.cipher, proof.recoveryCode), now });
    }
    if (!ok) return null;
    await markSecondFactorGiven(trx, staff.sessionId, now);
    await clearLoginFailures(trx, staff.username, source);
    const recoveryCodesLeft = await countRecoveryCodesLeft(trx, staff.userId);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: staff.userId, action: 'staff.second_factor_verified', caseId: null, detail: { method, recoveryCodesLeft },
    });
    return recoveryCodesLeft;
  });
  if (left === null) {
    await ctx.db.transaction().execute((trx) => appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: staff.userId, action: 'staff.second_factor_failed', caseId: null, detail: { method },
    }));
    throw new AppError('invalid_second_factor', method === 'totp'
      ? 'That code is not right, or was used already. Wait for the next code and try again.'
      : 'That recovery code is not right, or was used already.');
  }
  return { recoveryCodesLeft: left };
}
