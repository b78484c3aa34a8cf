import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { findTotp, confirmTotp, replaceRecoveryCodes, setPendingTotp } from '../db/repositories/staff-second-factor.js';
import { markSecondFactorGiven } from '../db/repositories/staff-sessions.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { base32Decode, base32Encode, matchTotpStep, newTotpSecret, normalizeTotpCode, otpauthUri } from './security/totp.js';
import { newRecoveryCodes, recoveryCodeHash } from './security/recovery-codes.js';
import { AppError } from './errors.js';
import { SEALED, type ServiceContext } from './context.js';

/** Who is enrolling: the signed-in person and their session. */
export interface EnrollingStaff { userId: string; username: string; sessionId: string }

const ISSUER = 'Haven';

function sealContext(userId: string): string {
  return `${SEALED.totpSecret}:${userId}`;
}

/**
 * Starts enrolling a TOTP second factor: a fresh secret, kept sealed as pending until a code
 * from the person's app confirms it. Returned once, to be typed or scanned into the app.
 */
export async function beginTotpEnrolment(ctx: ServiceContext, staff: EnrollingStaff): Promise<{ secret: string; uri: string }> {
  const current = await findTotp(ctx.db, staff.userId);
  if (current === null) throw new AppError('unauthenticated', 'Sign in to continue.');
  if (current.secretEnc !== null) throw new AppError('conflict', 'A second factor is already set up. An admin can reset it.');
  const secret = base32Encode(newTotpSecret());
  await setPendingTotp(ctx.db, staff.userId, ctx.cipher.seal(secret, sealContext(staff.userId)));
  return { secret, uri: otpauthUri({ issuer: ISSUER, account: staff.username, secret }) };
}

/**
 * Confirms enrolment with a code from the app: the secret becomes the account's (with the
 * code's step used up), ten recovery codes replace any earlier ones, and this session counts
 * as having given its second factor. The codes are returned once and stored only as hashes.
 */
export async function confirmTotpEnrolment(ctx: ServiceContext, staff: EnrollingStaff, code: string): Promise<{ recoveryCodes: string[] }> {
  const now = ctx.now();
  const current = await findTotp(ctx.db, staff.userId);
  if (current?.pendingEnc == null) throw new AppError('conflict', 'Start setting up the second factor first.');
  if (current.secretEnc !== null) throw new AppError('conflict', 'A second factor is already set up. An admin can reset it.');
  const secret = ctx.cipher.open(current.pendingEnc, sealContext(staff.userId));
  const step = matchTotpStep(base32Decode(secret), normalizeTotpCode(code), now, null);
  if (step === null) throw new AppError('invalid_second_factor', 'That code is not right. Check the time on your phone and try the newest code.');
  const recoveryCodes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await confirmTotp(trx, { userId: staff.userId, secretEnc: current.pendingEnc ?? '', step }))) {
      throw new AppError('conflict', 'A second factor is already set up. An admin can reset it.');
    }
    await replaceRecoveryCodes(trx, {
      userId: staff.userId, now, codes: recoveryCodes.map((c) => ({ id: newId(now.getTime()), hash: recoveryCodeHash(ctx.cipher, c) })),
    });
    await markSecondFactorGiven(trx, staff.sessionId, now);
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: staff.userId, action: 'staff.second_factor_enrolled', caseId: null, detail: {} });
  });
  return { recoveryCodes };
}
