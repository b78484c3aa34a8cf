import { auditChain } from './audit-chain.js';
import { findStaffByUsername } from '../db/repositories/staff.js';
import { setStaffPassword } from '../db/repositories/staff-admin.js';
import { deleteSessionsOf } from '../db/repositories/staff-sessions.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { hashPassword } from './security/passwords.js';
import { refuseShortPassword } from './create-staff-user.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/**
 * `haven user reset-password`: sets a new password for an account from the command line (the
 * operator's way back in for someone locked out of everything) and ends its sessions, since
 * a reset usually means the old password is not to be trusted.
 */
export async function resetStaffPassword(ctx: ServiceContext, input: { username: string; password: string }): Promise<{ sessions: number }> {
  refuseShortPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const user = await findStaffByUsername(trx, input.username);
    if (user === null) throw new AppError('not_found', `There is no account named ${input.username}.`);
    await setStaffPassword(trx, user.id, passwordHash);
    const sessions = await deleteSessionsOf(trx, user.id);
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'system', actorId: null, action: 'staff.password_reset', caseId: null, detail: { staffId: user.id, sessions } });
    return { sessions };
  });
}
