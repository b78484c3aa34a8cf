import { sql } from 'kysely';
import { isStaffRole, type StaffRole } from '../../domain/access-policy.js';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';
import { storedValue } from './stored-value.js';
import { toDate } from '../schema.js';

/** Starts a staff session; `id` is the hash of the cookie token. */
export async function insertStaffSession(
  db: HavenDb,
  row: { id: string; userId: string; csrfToken: string; createdAt: Date; expiresAt: Date; secondFactorAt?: Date | null },
): Promise<void> {
  await db
    .insertInto('staff_sessions')
    .values({
      id: row.id, user_id: row.userId, csrf_token: row.csrfToken,
      created_at: row.createdAt.toISOString(), expires_at: row.expiresAt.toISOString(), last_seen_at: row.createdAt.toISOString(),
      second_factor_at: row.secondFactorAt?.toISOString() ?? null,
    })
    .execute();
}

export interface StaffSessionRow {
  userId: string;
  username: string;
  /** The role held on each desk, by desk id. */
  roles: Map<string, StaffRole>;
  groups: string[];
  csrfToken: string;
  lastSeenAt: Date;
  /** Whether the second factor was given in this session. */
  secondFactorGiven: boolean;
  /** Whether the account has a TOTP secret. */
  totpEnrolled: boolean;
  /** The desks, among those where a role is held, that require a second factor of every role. */
  desksRequiringSecondFactor: Set<string>;
}

/**
 * Finds an unexpired session of an enabled account, with the account's roles per desk, what
 * those desks require, and the groups it belongs to. All come in the same statement (one row
 * per role and group: a handful), so a request still costs one round trip to learn who is
 * asking, and a role, membership or deactivation is felt on the next request.
 */
export async function findStaffSession(db: HavenDb, id: string, now: Date): Promise<StaffSessionRow | null> {
  const rows = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.user_id')
    .leftJoin('staff_desk_roles', 'staff_desk_roles.user_id', 'staff_sessions.user_id')
    .leftJoin('desks', 'desks.id', 'staff_desk_roles.desk_id')
    .leftJoin('staff_group_members', 'staff_group_members.user_id', 'staff_sessions.user_id')
    .select(['staff_sessions.user_id', 'staff_users.username', 'staff_users.disabled', 'staff_users.totp_secret_enc', 'staff_sessions.csrf_token',
      'staff_sessions.expires_at', 'staff_sessions.created_at', 'staff_sessions.last_seen_at', 'staff_sessions.second_factor_at',
      'staff_desk_roles.desk_id', 'staff_desk_roles.role', 'desks.require_second_factor', 'staff_group_members.group_id'])
    .where('staff_sessions.id', '=', id)
    .orderBy('staff_desk_roles.desk_id')
    .orderBy('staff_group_members.group_id')
    .execute();
  const row = rows[0];
  if (row === undefined || row.disabled === 1 || toDate(row.expires_at) <= now) return null;
  const roles = new Map<string, StaffRole>();
  const requiring = new Set<string>();
  for (const r of rows) {
    if (r.desk_id === null || r.role === null) continue;
    roles.set(r.desk_id, storedValue(r.role, isStaffRole, 'staff_desk_roles.role'));
    if (r.require_second_factor === 1) requiring.add(r.desk_id);
  }
  const groups = [...new Set(rows.flatMap((r) => (r.group_id === null ? [] : [r.group_id])))];
  return {
    userId: row.user_id, username: row.username, roles, groups, csrfToken: row.csrf_token,
    lastSeenAt: toDate(row.last_seen_at ?? row.created_at), secondFactorGiven: row.second_factor_at !== null,
    totpEnrolled: row.totp_secret_enc !== null, desksRequiringSecondFactor: requiring,
  };
}

/** Notes that a session was used now (for the idle timeout). */
export async function touchStaffSession(db: HavenDb, id: string, now: Date): Promise<void> {
  await db.updateTable('staff_sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Notes that the second factor was given in this session. */
export async function markSecondFactorGiven(db: HavenDb, id: string, now: Date): Promise<void> {
  await db.updateTable('staff_sessions').set({ second_factor_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Ends every session of one person; returns how many there were. */
export async function deleteSessionsOf(db: HavenDb, userId: string): Promise<number> {
  const result = await db.deleteFrom('staff_sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A live session as an admin sees it: when it began and was last used, never its token. */
export interface SessionSummaryRow { userId: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date }

/** The unexpired sessions of these people, most recently used first. */
export async function listSessionsOf(db: HavenDb, userIds: string[], now: Date): Promise<SessionSummaryRow[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('staff_sessions')
    .select(['user_id', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', 'in', userIds).where('expires_at', '>', now.toISOString())
    .orderBy('last_seen_at', 'desc').execute();
  return rows.map((r) => ({ userId: r.user_id, createdAt: toDate(r.created_at), lastSeenAt: toDate(r.last_seen_at ?? r.created_at), expiresAt: toDate(r.expires_at) }));
}

/** Ends a staff session. */
export async function deleteStaffSession(db: HavenDb, id: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id', '=', id).execute();
}

/** Records a failed sign-in (or second-factor code), for throttling. */
export async function recordLoginFailure(db: HavenDb, row: { id: string; username: string; source: string; at: Date }): Promise<void> {
  await db.insertInto('login_failures').values({ id: row.id, username: row.username, source: row.source, at: row.at.toISOString() }).execute();
}

/**
 * Admits one sign-in attempt for a username from a source unless the failures recorded for
 * that pair still impose a wait (`waitUntil` decides, from their count and the latest), and
 * records it as a failure until it succeeds (a success clears them). Counting and recording
 * in one locked step is what makes the throttle hold when many guesses arrive at once; call
 * it in a transaction. PostgreSQL serialises per pair with an advisory lock; SQLite's single
 * connection already serialises transactions. Returns null when admitted, else when to retry.
 */
export async function admitLoginAttempt(
  db: HavenDb,
  dialect: DialectName,
  input: { id: string; username: string; source: string; at: Date; since: Date; waitUntil: (failures: number, last: Date | null) => Date | null },
): Promise<Date | null> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7202, hashtext(${`${input.source}:${input.username}`}))`.execute(db);
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max('at').as('last')])
    .where('username', '=', input.username)
    .where('source', '=', input.source)
    .where('at', '>', input.since.toISOString())
    .executeTakeFirstOrThrow();
  const retryAt = input.waitUntil(Number(row.n), row.last === null ? null : toDate(row.last));
  if (retryAt !== null) return retryAt;
  await recordLoginFailure(db, { id: input.id, username: input.username, source: input.source, at: input.at });
  return null;
}

/** Forgets the failed sign-ins of one username from one source after a success there. */
export async function clearLoginFailures(db: HavenDb, username: string, source: string): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', username).where('source', '=', source).execute();
}

/** Recent failed sign-ins per username, as admins see them: how many, the latest, from how many sources. */
export interface LoginFailureSummary { count: number; lastAt: Date; sources: number }

/** Failed sign-ins since a moment for these usernames. */
export async function summarizeLoginFailures(db: HavenDb, usernames: string[], since: Date): Promise<Map<string, LoginFailureSummary>> {
  const result = new Map<string, LoginFailureSummary>();
  if (usernames.length === 0) return result;
  const rows = await db.selectFrom('login_failures')
    .select((eb) => ['username', eb.fn.countAll<number | string>().as('n'), eb.fn.max('at').as('last'), eb.fn.count<number | string>('source').distinct().as('sources')])
    .where('username', 'in', usernames).where('at', '>', since.toISOString())
    .groupBy('username').execute();
  for (const r of rows) if (r.last !== null) result.set(r.username, { count: Number(r.n), lastAt: toDate(r.last), sources: Number(r.sources) });
  return result;
}
