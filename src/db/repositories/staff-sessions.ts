import { sql } from 'kysely';
import { isStaffRole, type StaffRole } from '../../domain/access-policy.js';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';
import { storedValue } from './stored-value.js';
import { toDate } from '../schema.js';

/** Starts a staff session; `id` is the hash of the cookie token. */
export async function insertStaffSession(
  db: HavenDb,
  row: { id: string; userId: string; csrfToken: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('staff_sessions')
    .values({
      id: row.id, user_id: row.userId, csrf_token: row.csrfToken,
      created_at: row.createdAt.toISOString(), expires_at: row.expiresAt.toISOString(),
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
}

/**
 * Finds an unexpired session of an enabled account, with the account's roles per desk and the
 * groups it belongs to. Both come in the same statement (one row per role and group: a
 * handful), so a request still costs one round trip to learn who is asking, and a role or
 * membership removed is felt on the next request.
 */
export async function findStaffSession(db: HavenDb, id: string, now: Date): Promise<StaffSessionRow | null> {
  const rows = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.user_id')
    .leftJoin('staff_desk_roles', 'staff_desk_roles.user_id', 'staff_sessions.user_id')
    .leftJoin('staff_group_members', 'staff_group_members.user_id', 'staff_sessions.user_id')
    .select(['staff_sessions.user_id', 'staff_users.username', 'staff_users.disabled', 'staff_sessions.csrf_token',
      'staff_sessions.expires_at', 'staff_desk_roles.desk_id', 'staff_desk_roles.role', 'staff_group_members.group_id'])
    .where('staff_sessions.id', '=', id)
    .orderBy('staff_desk_roles.desk_id')
    .orderBy('staff_group_members.group_id')
    .execute();
  const row = rows[0];
  if (row === undefined || row.disabled === 1 || toDate(row.expires_at) <= now) return null;
  const roles = new Map<string, StaffRole>();
  for (const r of rows) if (r.desk_id !== null && r.role !== null) roles.set(r.desk_id, storedValue(r.role, isStaffRole, 'staff_desk_roles.role'));
  const groups = [...new Set(rows.flatMap((r) => (r.group_id === null ? [] : [r.group_id])))];
  return { userId: row.user_id, username: row.username, roles, groups, csrfToken: row.csrf_token };
}

/** Ends a staff session. */
export async function deleteStaffSession(db: HavenDb, id: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id', '=', id).execute();
}

/** Records a failed sign-in, for throttling. */
export async function recordLoginFailure(db: HavenDb, row: { id: string; username: string; at: Date }): Promise<void> {
  await db.insertInto('login_failures').values({ id: row.id, username: row.username, at: row.at.toISOString() }).execute();
}

/**
 * Admits one sign-in attempt for a username unless `limit` attempts were already recorded
 * since `since`, and records it as a failure until it succeeds (a success clears them).
 * Counting and recording in one locked step is what makes the limit hold when many guesses
 * arrive at once; call it in a transaction. PostgreSQL serialises per username with an
 * advisory lock; SQLite's single connection already serialises transactions.
 */
export async function admitLoginAttempt(
  db: HavenDb,
  dialect: DialectName,
  input: { id: string; username: string; at: Date; since: Date; limit: number },
): Promise<boolean> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7202, hashtext(${input.username}))`.execute(db);
  if ((await countLoginFailuresSince(db, input.username, input.since)) >= input.limit) return false;
  await recordLoginFailure(db, { id: input.id, username: input.username, at: input.at });
  return true;
}

/** Counts failed sign-ins for a username since a moment. */
export async function countLoginFailuresSince(db: HavenDb, username: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('at', '>', since.toISOString())
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Forgets failed sign-ins after a success. */
export async function clearLoginFailures(db: HavenDb, username: string): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', username).execute();
}
