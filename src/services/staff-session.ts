import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { findStaffByUsername } from '../db/repositories/staff.js';
import {
  admitLoginAttempt, clearLoginFailures, deleteStaffSession, findStaffSession, insertStaffSession, type StaffSessionRow,
} from '../db/repositories/staff-sessions.js';
import { listDeskRolesOf, type DeskRoleRow } from '../db/repositories/staff-desk-roles.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { burnPasswordCheck, verifyPassword } from './security/passwords.js';
import { hashToken, randomToken } from './security/tokens.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

const PURPOSE = 'haven-staff-session';
export const LOGIN_FAILURE_LIMIT = 5;
const LOGIN_WINDOW_MS = 15 * 60_000;

export interface StaffSignIn { token: string; csrfToken: string; expiresAt: Date; user: { id: string; username: string; desks: DeskRoleRow[] } }

/**
 * Signs a staff member in. Attempts are counted in the database (so every instance sees
 * them) and after five failures in fifteen minutes for one username the rest are refused
 * outright. Each attempt is recorded as a failure before its password is checked, so a
 * burst of simultaneous guesses cannot all slip in under the count.
 */
export async function signInStaff(ctx: ServiceContext, username: string, password: string): Promise<StaffSignIn> {
  const now = ctx.now();
  const admitted = await ctx.db.transaction().execute((trx) => admitLoginAttempt(trx, ctx.dialect, {
    id: newId(now.getTime()), username, at: now, since: new Date(now.getTime() - LOGIN_WINDOW_MS), limit: LOGIN_FAILURE_LIMIT,
  }));
  if (!admitted) {
    throw new AppError('too_many_requests', 'Too many failed sign-ins for this account. Wait fifteen minutes and try again.');
  }
  const user = await findStaffByUsername(ctx.db, username);
  const ok = user !== null && !user.disabled ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (user === null || !ok) {
    await ctx.db.transaction().execute(async (trx) => {
      await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'public', actorId: null, action: 'staff.sign_in_failed', caseId: null, detail: { username } });
    });
    throw new AppError('invalid_credentials', 'The username or password is not right.');
  }
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + ctx.sessionHours * 3_600_000);
  await ctx.db.transaction().execute(async (trx) => {
    await insertStaffSession(trx, { id: hashToken(token, PURPOSE), userId: user.id, csrfToken, createdAt: now, expiresAt });
    await clearLoginFailures(trx, username);
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: user.id, action: 'staff.signed_in', caseId: null, detail: {} });
  });
  return { token, csrfToken, expiresAt, user: { id: user.id, username: user.username, desks: await listDeskRolesOf(ctx.db, user.id) } };
}

/** The desks a staff member works on, each with their role there: what the console is told at sign-in. */
export function staffDesks(ctx: ServiceContext, userId: string): Promise<DeskRoleRow[]> {
  return listDeskRolesOf(ctx.db, userId);
}

/** The staff session behind a cookie token, or null. */
export function resolveStaffSession(ctx: ServiceContext, token: string): Promise<StaffSessionRow | null> {
  return findStaffSession(ctx.db, hashToken(token, PURPOSE), ctx.now());
}

/** Ends a staff session. */
export async function signOutStaff(ctx: ServiceContext, token: string, userId: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await deleteStaffSession(trx, hashToken(token, PURPOSE));
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: userId, action: 'staff.signed_out', caseId: null, detail: {} });
  });
}
