import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { findStaffByUsername } from '../db/repositories/staff.js';
import {
  admitLoginAttempt, clearLoginFailures, deleteSessionsOf, deleteStaffSession, findStaffSession, insertStaffSession, touchStaffSession,
  type StaffSessionRow,
} from '../db/repositories/staff-sessions.js';
import { listDeskRolesOf, type DeskRoleRow } from '../db/repositories/staff-desk-roles.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { nextSignInAt, SIGN_IN_FAILURE_MEMORY_MS } from '../domain/sign-in-throttle.js';
import {
  isIdle, secondFactorRequired, secondFactorState, STAFF_IDLE_DEFAULT_MINUTES, type SecondFactorState,
} from '../domain/second-factor.js';
import { burnPasswordCheck, verifyPassword } from './security/passwords.js';
import { hashToken, randomToken } from './security/tokens.js';
import { signInSourceKey } from './security/sign-in-source.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

const PURPOSE = 'haven-staff-session';
/** A session's last use is written at most this often, so reads stay reads. */
const TOUCH_EVERY_MS = 60_000;

export interface StaffSignIn {
  token: string; csrfToken: string; expiresAt: Date; secondFactor: SecondFactorState;
  user: { id: string; username: string; desks: DeskRoleRow[] };
}

/**
 * Admits one attempt (a password or a second-factor code) by `username` from `source`, or
 * refuses it with the time to wait. See domain/sign-in-throttle.ts: the pair is throttled, so
 * an attacker elsewhere never keeps the owner out. The attempt is recorded as a failure before
 * it is checked, so a burst of simultaneous guesses cannot all slip in under the count.
 */
export async function admitAttempt(ctx: ServiceContext, username: string, source: string): Promise<void> {
  const now = ctx.now();
  const retryAt = await ctx.db.transaction().execute((trx) => admitLoginAttempt(trx, ctx.dialect, {
    id: newId(now.getTime()), username, source, at: now, since: new Date(now.getTime() - SIGN_IN_FAILURE_MEMORY_MS),
    waitUntil: (failures, last) => nextSignInAt(failures, last, now),
  }));
  if (retryAt !== null) {
    const seconds = Math.ceil((retryAt.getTime() - now.getTime()) / 1000);
    throw new AppError('too_many_requests', `Too many failed attempts from here. Wait ${seconds} seconds and try again.`);
  }
}

/** What a session still lacks, from its facts. */
export function sessionSecondFactor(row: StaffSessionRow): SecondFactorState {
  return secondFactorState({
    enrolled: row.totpEnrolled, givenInSession: row.secondFactorGiven,
    required: secondFactorRequired(row.roles, row.desksRequiringSecondFactor),
  });
}

/**
 * Signs a staff member in with their password, from `sourceAddress` (the client's IP). The
 * session it opens may still need a second factor (`secondFactor`); until it has one, the
 * API answers everything but the second-factor routes with `second_factor_required`.
 */
export async function signInStaff(ctx: ServiceContext, input: { username: string; password: string; sourceAddress: string }): Promise<StaffSignIn> {
  const { username, password } = input;
  const source = signInSourceKey(ctx.cipher, input.sourceAddress);
  await admitAttempt(ctx, username, source);
  const now = ctx.now();
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
  const id = hashToken(token, PURPOSE);
  const session = await ctx.db.transaction().execute(async (trx) => {
    await insertStaffSession(trx, { id, userId: user.id, csrfToken, createdAt: now, expiresAt });
    await clearLoginFailures(trx, username, source);
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: user.id, action: 'staff.signed_in', caseId: null, detail: {} });
    return findStaffSession(trx, id, now);
  });
  if (session === null) throw new Error('A session just opened could not be read back.');
  return {
    token, csrfToken, expiresAt, secondFactor: sessionSecondFactor(session),
    user: { id: user.id, username: user.username, desks: await listDeskRolesOf(ctx.db, user.id) },
  };
}

/** The desks a staff member works on, each with their role there: what the console is told at sign-in. */
export function staffDesks(ctx: ServiceContext, userId: string): Promise<DeskRoleRow[]> {
  return listDeskRolesOf(ctx.db, userId);
}

export interface ResolvedStaffSession extends StaffSessionRow { sessionId: string; secondFactor: SecondFactorState }

/**
 * The staff session behind a cookie token, or null: unknown, expired, of a deactivated
 * account, or idle longer than the timeout (then it is ended here). Using it keeps it alive.
 */
export async function resolveStaffSession(ctx: ServiceContext, token: string): Promise<ResolvedStaffSession | null> {
  const sessionId = hashToken(token, PURPOSE);
  const now = ctx.now();
  const row = await findStaffSession(ctx.db, sessionId, now);
  if (row === null) return null;
  if (isIdle(row.lastSeenAt, now, ctx.staffIdleMinutes ?? STAFF_IDLE_DEFAULT_MINUTES)) {
    await deleteStaffSession(ctx.db, sessionId);
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await touchStaffSession(ctx.db, sessionId, now);
  return { ...row, sessionId, secondFactor: sessionSecondFactor(row) };
}

/** Ends a staff session. */
export async function signOutStaff(ctx: ServiceContext, token: string, userId: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await deleteStaffSession(trx, hashToken(token, PURPOSE));
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: userId, action: 'staff.signed_out', caseId: null, detail: {} });
  });
}

/** Ends every session of the signed-in person, on every device ("sign out everywhere"). */
export async function signOutEverywhere(ctx: ServiceContext, userId: string): Promise<number> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const sessions = await deleteSessionsOf(trx, userId);
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: userId, action: 'staff.signed_out_everywhere', caseId: null, detail: { sessions } });
    return sessions;
  });
}
