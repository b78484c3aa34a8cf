import { auditChain } from './audit-chain.js';
import { z } from 'zod';
import { newId } from '../shared/ids.js';
import type { Actor, StaffRole } from '../domain/access-policy.js';
import { invitationExpiry } from '../domain/staff-invitations.js';
import { findStaffByUsername } from '../db/repositories/staff.js';
import { hasLiveInvitation, insertInvitation } from '../db/repositories/staff-admin.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { hashToken, randomToken } from './security/tokens.js';
import { administeredDesk } from './staff-admin-scope.js';
import { refuseBadUsername } from './create-staff-user.js';
import { AppError } from './errors.js';
import { SEALED, type ServiceContext } from './context.js';
import { STAFF_INVITATION_EMAIL_JOB, type StaffInvitationEmailPayload } from './job-kinds.js';

/** The purpose an invitation's token is hashed for (its row's id). */
export const INVITATION_PURPOSE = 'haven-staff-invitation';

/**
 * Invites someone to a desk the actor administers, with a role there. The link (a 256-bit
 * token; the row keeps only its hash) goes by email through the outbox, to the address given,
 * which also becomes their address for reminders. The invitee sets their own first password:
 * the admin never knows it. The link works once, for STAFF_INVITATION_HOURS.
 */
export async function inviteStaff(
  ctx: ServiceContext, actor: Actor, input: { username: string; email: string; desk: string; role: StaffRole },
): Promise<{ expiresAt: Date }> {
  const username = input.username.trim();
  refuseBadUsername(username);
  const email = input.email.trim();
  if (!z.email().max(254).safeParse(email).success) {
    throw new AppError('validation_failed', 'The email address is not valid.', [{ path: 'email', message: 'Not an email address.' }]);
  }
  const now = ctx.now();
  const expiresAt = invitationExpiry(now);
  const token = randomToken();
  const invitationId = hashToken(token, INVITATION_PURPOSE);
  const jobId = newId(now.getTime());
  await ctx.db.transaction().execute(async (trx) => {
    const desk = await administeredDesk(trx, actor, input.desk);
    if ((await findStaffByUsername(trx, username)) !== null || (await hasLiveInvitation(trx, username, now))) {
      throw new AppError('conflict', `The username ${username} is taken.`, [{ path: 'username', message: 'Already taken.' }]);
    }
    await insertInvitation(trx, {
      id: invitationId, username, deskId: desk.id, role: input.role, invitedBy: actor.id, createdAt: now, expiresAt,
      emailEnc: ctx.cipher.seal(email, `${SEALED.invitationEmail}:${invitationId}`),
    });
    const payload: StaffInvitationEmailPayload = {
      invitationId, expiresAt: expiresAt.toISOString(), tokenEnc: ctx.cipher.seal(token, `${SEALED.invitationToken}:${jobId}`),
    };
    await enqueueJobs(trx, [{ id: jobId, kind: STAFF_INVITATION_EMAIL_JOB, payload, runAt: now, maxAttempts: 8 }], now);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'staff.invited', caseId: null,
      detail: { invitationId, username, deskId: desk.id, role: input.role, expiresAt: expiresAt.toISOString() },
    });
  });
  return { expiresAt };
}
