import type { Actor } from '../domain/access-policy.js';
import { findStaffByUsername } from '../db/repositories/staff.js';
import { setStaffDisabled } from '../db/repositories/staff-admin.js';
import { deleteSessionsOf } from '../db/repositories/staff-sessions.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { HavenDb } from '../db/connection.js';
import type { AuditChain } from '../db/repositories/audit-log.js';
import { auditChain } from './audit-chain.js';
import { administeredPerson, refuseSelf } from './staff-admin-scope.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/** Switches an account off (ending every session at once) or back on, with its audit row. */
async function switchAccount(db: HavenDb, chain: AuditChain, input: { staffId: string; active: boolean; by: string | null; now: Date }): Promise<void> {
  await setStaffDisabled(db, input.staffId, !input.active);
  const actor = { actorKind: input.by === null ? 'system' as const : 'staff' as const, actorId: input.by, caseId: null, at: input.now };
  if (input.active) {
    await appendAudit(db, chain, { ...actor, action: 'staff.reactivated', detail: { staffId: input.staffId } });
    return;
  }
  const sessions = await deleteSessionsOf(db, input.staffId);
  await appendAudit(db, chain, { ...actor, action: 'staff.deactivated', detail: { staffId: input.staffId, sessions } });
}

/**
 * Deactivates (or reactivates) an account from the console. The account is the person's
 * across desks, so the actor must administer every desk where they hold a role; an admin of
 * one desk takes the person off that desk instead. Their sessions end in the same
 * transaction: an open console is signed out on its next request.
 */
export async function setStaffActive(ctx: ServiceContext, actor: Actor, input: { staffId: string; active: boolean }): Promise<void> {
  refuseSelf(actor, input.staffId, 'switch off');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const roles = await administeredPerson(trx, actor, input.staffId);
    if ([...roles.keys()].some((deskId) => actor.roles.get(deskId) !== 'admin')) {
      throw new AppError('forbidden', 'They also work on a desk you do not administer: remove their role on your desk instead.');
    }
    await switchAccount(trx, auditChain(ctx), { staffId: input.staffId, active: input.active, by: actor.id, now });
  });
}

/** `haven user disable`: switches an account off by username, from the command line. */
export async function disableStaffByUsername(ctx: ServiceContext, username: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const user = await findStaffByUsername(trx, username);
    if (user === null) throw new AppError('not_found', `There is no account named ${username}.`);
    await switchAccount(trx, auditChain(ctx), { staffId: user.id, active: false, by: null, now });
  });
}
