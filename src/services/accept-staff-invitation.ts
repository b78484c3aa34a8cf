import { auditChain } from './audit-chain.js';
import { sealBound } from './security/contact-seal.js';
import { newId } from '../shared/ids.js';
import { findStaffByUsername, insertStaffUser } from '../db/repositories/staff.js';
import { findInvitation, useInvitation } from '../db/repositories/staff-admin.js';
import { setDeskRole } from '../db/repositories/staff-desk-roles.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { hashPassword } from './security/passwords.js';
import { hashToken } from './security/tokens.js';
import { INVITATION_PURPOSE } from './invite-staff.js';
import { refuseShortPassword } from './create-staff-user.js';
import { AppError } from './errors.js';
import { SEALED, type ServiceContext } from './context.js';

function deadLink(): AppError {
  return new AppError('not_found', 'This invitation link does not work: it was used already, has expired, or was mistyped. Ask your admin for a new one.');
}

/**
 * Turns an invitation into an account: the invitee's own first password, the role on the
 * desk they were invited to, and the address the invitation went to for reminders. The link
 * is used up in the same transaction (a conditional update), so it works once.
 */
export async function acceptStaffInvitation(ctx: ServiceContext, input: { token: string; password: string }): Promise<{ id: string; username: string }> {
  refuseShortPassword(input.password);
  const id = hashToken(input.token, INVITATION_PURPOSE);
  const now = ctx.now();
  const invitation = await findInvitation(ctx.db, id);
  if (invitation === null || invitation.usedAt !== null || invitation.expiresAt <= now) throw deadLink();
  const passwordHash = await hashPassword(input.password);
  const userId = newId(now.getTime());
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await useInvitation(trx, id, now))) throw deadLink();
    if ((await findStaffByUsername(trx, invitation.username)) !== null) {
      throw new AppError('conflict', `The username ${invitation.username} was taken meanwhile. Ask your admin for a new invitation.`);
    }
    const email = ctx.cipher.open(invitation.emailEnc, `${SEALED.invitationEmail}:${id}`);
    await insertStaffUser(trx, { id: userId, username: invitation.username, passwordHash, createdAt: now, emailEnc: sealBound(ctx.cipher, email, SEALED.staffEmail, userId) });
    await setDeskRole(trx, { userId, deskId: invitation.deskId, role: invitation.role, now });
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: userId, action: 'staff.invitation_accepted', caseId: null, detail: { invitationId: id, staffId: userId },
    });
  });
  return { id: userId, username: invitation.username };
}
