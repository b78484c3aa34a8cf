import { sql } from 'kysely';
import { isStaffRole, type StaffRole } from '../../domain/access-policy.js';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';
import { storedValue } from './stored-value.js';
import { toDate } from '../schema.js';

export interface StaffUserRow { id: string; username: string; role: StaffRole; disabled: boolean; passwordHash: string }

/** Creates a staff account. */
export async function insertStaffUser(
  db: HavenDb,
  row: { id: string; username: string; passwordHash: string; role: StaffRole; createdAt: Date; emailEnc?: string | null },
): Promise<void> {
  await db
    .insertInto('staff_users')
    .values({
      id: row.id, username: row.username, password_hash: row.passwordHash, role: row.role,
      disabled: 0, created_at: row.createdAt.toISOString(), email_enc: row.emailEnc ?? null,
    })
    .execute();
}

export interface ReminderRecipientRow { id: string; username: string; role: StaffRole; groups: string[]; emailEnc: string }

/**
 * Active staff who left an address for reminders, optionally only those with the given ids,
 * with the groups they belong to (a restricted case reminds only its group's members).
 * The address stays sealed here; the mail job opens it at the moment of sending.
 */
export async function listReminderRecipients(db: HavenDb, onlyIds?: string[]): Promise<ReminderRecipientRow[]> {
  if (onlyIds?.length === 0) return [];
  let query = db
    .selectFrom('staff_users')
    .select(['id', 'username', 'role', 'email_enc'])
    .where('disabled', '=', 0)
    .where('email_enc', 'is not', null);
  if (onlyIds !== undefined) query = query.where('id', 'in', onlyIds);
  const rows = await query.orderBy('username').execute();
  const groups = await groupsOf(db, rows.map((r) => r.id));
  return rows.flatMap((r) => (r.email_enc === null ? [] : [{
    id: r.id, username: r.username, role: storedValue(r.role, isStaffRole, 'staff_users.role'), groups: groups.get(r.id) ?? [],
    emailEnc: r.email_enc,
  }]));
}

/** The groups of each of these staff members, by id (absent: none). */
async function groupsOf(db: HavenDb, userIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (userIds.length === 0) return result;
  const rows = await db.selectFrom('staff_group_members').select(['user_id', 'group_id']).where('user_id', 'in', userIds)
    .orderBy('group_id').execute();
  for (const row of rows) result.set(row.user_id, [...(result.get(row.user_id) ?? []), row.group_id]);
  return result;
}

/** Adds a staff member to a group; already a member, nothing changes. */
export async function addGroupMember(db: HavenDb, input: { groupId: string; userId: string; now: Date }): Promise<void> {
  await db.insertInto('staff_group_members')
    .values({ group_id: input.groupId, user_id: input.userId, added_at: input.now.toISOString() })
    .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
    .execute();
}

/** The sealed reminder address of one staff member, or null (none, or the account is disabled). */
export async function findStaffEmail(db: HavenDb, staffId: string): Promise<{ username: string; emailEnc: string } | null> {
  const row = await db.selectFrom('staff_users').select(['username', 'email_enc']).where('id', '=', staffId).where('disabled', '=', 0).executeTakeFirst();
  return row?.email_enc == null ? null : { username: row.username, emailEnc: row.email_enc };
}

/** Finds a staff account by username (exact match). */
export async function findStaffByUsername(db: HavenDb, username: string): Promise<StaffUserRow | null> {
  const row = await db
    .selectFrom('staff_users')
    .select(['id', 'username', 'role', 'disabled', 'password_hash'])
    .where('username', '=', username)
    .executeTakeFirst();
  return row === undefined
    ? null
    : {
      id: row.id, username: row.username, role: storedValue(row.role, isStaffRole, 'staff_users.role'), disabled: row.disabled === 1,
      passwordHash: row.password_hash,
    };
}

/** Counts staff accounts. */
export async function countStaff(db: HavenDb): Promise<number> {
  const row = await db.selectFrom('staff_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n;
}

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

export interface StaffSessionRow { userId: string; username: string; role: StaffRole; groups: string[]; csrfToken: string }

/**
 * Finds an unexpired session of an enabled account, with the groups the account belongs to.
 * The groups come in the same statement (one row per group), so a request still costs one
 * round trip to learn who is asking, and a membership removed is felt on the next request.
 */
export async function findStaffSession(db: HavenDb, id: string, now: Date): Promise<StaffSessionRow | null> {
  const rows = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.user_id')
    .leftJoin('staff_group_members', 'staff_group_members.user_id', 'staff_sessions.user_id')
    .select(['staff_sessions.user_id', 'staff_users.username', 'staff_users.role', 'staff_users.disabled',
      'staff_sessions.csrf_token', 'staff_sessions.expires_at', 'staff_group_members.group_id'])
    .where('staff_sessions.id', '=', id)
    .orderBy('staff_group_members.group_id')
    .execute();
  const row = rows[0];
  if (row === undefined || row.disabled === 1 || toDate(row.expires_at) <= now) return null;
  return {
    userId: row.user_id, username: row.username, role: storedValue(row.role, isStaffRole, 'staff_users.role'),
    groups: rows.flatMap((r) => (r.group_id === null ? [] : [r.group_id])), csrfToken: row.csrf_token,
  };
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
