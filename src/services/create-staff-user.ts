import { auditChain } from './audit-chain.js';
import { sealBound } from './security/contact-seal.js';
import { z } from 'zod';
import { newId } from '../shared/ids.js';
import { STAFF_ROLES, isStaffRole, type StaffRole } from '../domain/access-policy.js';
import { findStaffByUsername, insertStaffUser } from '../db/repositories/staff.js';
import { setDeskRole } from '../db/repositories/staff-desk-roles.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { hashPassword } from './security/passwords.js';
import { AppError } from './errors.js';
import { SEALED, type ServiceContext } from './context.js';
import { findDeskOrRefuse } from './find-desk.js';

export const MIN_PASSWORD_LENGTH = 12;

function countCodePoints(text: string): number {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
}

/** Refuses a username Haven does not take (2 to 64 letters, digits, dots, dashes, underscores). */
export function refuseBadUsername(username: string): void {
  if (!/^[\p{L}\p{N}._-]{2,64}$/u.test(username)) {
    throw new AppError('validation_failed', 'A username is 2 to 64 letters, digits, dots, dashes or underscores.', [{ path: 'username', message: 'Not a valid username.' }]);
  }
}

/** Refuses a password shorter than MIN_PASSWORD_LENGTH characters (counted as people count them). */
export function refuseShortPassword(password: string): void {
  if (countCodePoints(password) < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`, [{ path: 'password', message: 'Too short.' }]);
  }
}

/**
 * Creates a staff account with a role on one desk (by slug; default: the default desk). More
 * desks are given with `grantDeskRole`. `createdBy` is null when done from the command line.
 */
export async function createStaffUser(
  ctx: ServiceContext,
  input: { username: string; role: string; password: string; email?: string | undefined; desk?: string | undefined },
  createdBy: string | null,
): Promise<{ id: string; username: string; role: StaffRole; desk: { id: string; slug: string } }> {
  const username = input.username.trim();
  refuseBadUsername(username);
  const role = input.role;
  if (!isStaffRole(role)) {
    throw new AppError('validation_failed', `The role must be one of: ${STAFF_ROLES.join(', ')}.`, [{ path: 'role', message: 'Unknown role.' }]);
  }
  refuseShortPassword(input.password);
  const email = input.email?.trim();
  // The same rule as a reporter's address (shared/report-input.ts), so both fail alike.
  if (email !== undefined && !z.email().max(254).safeParse(email).success) {
    throw new AppError('validation_failed', 'The email address for reminders is not valid.', [{ path: 'email', message: 'Not an email address.' }]);
  }
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  const id = newId(now.getTime());
  const desk = await ctx.db.transaction().execute(async (trx) => {
    const found = await findDeskOrRefuse(trx, input.desk);
    if ((await findStaffByUsername(trx, username)) !== null) {
      throw new AppError('conflict', `There is already an account named ${username}.`, [{ path: 'username', message: 'Already taken.' }]);
    }
    await insertStaffUser(trx, {
      id, username, passwordHash, createdAt: now,
      emailEnc: email === undefined ? null : sealBound(ctx.cipher, email, SEALED.staffEmail, id),
    });
    await setDeskRole(trx, { userId: id, deskId: found.id, role, now });
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: createdBy === null ? 'system' : 'staff', actorId: createdBy, action: 'staff.created', caseId: null,
      detail: { username, role, deskId: found.id, remindersByEmail: email !== undefined },
    });
    return found;
  });
  return { id, username, role, desk: { id: desk.id, slug: desk.slug } };
}
