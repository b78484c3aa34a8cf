import { isStaffRole, type StaffRole } from '../../domain/access-policy.js';
import type { HavenDb } from '../connection.js';
import { storedValue } from './stored-value.js';

// Staff accounts, their groups and reminder addresses. Roles are held per desk
// (staff-desk-roles.ts); sessions and sign-in throttling are in staff-sessions.ts.

export interface StaffUserRow { id: string; username: string; disabled: boolean; passwordHash: string }

/** Creates a staff account; its roles are given separately, desk by desk. */
export async function insertStaffUser(
  db: HavenDb,
  row: { id: string; username: string; passwordHash: string; createdAt: Date; emailEnc?: string | null },
): Promise<void> {
  await db
    .insertInto('staff_users')
    .values({
      id: row.id, username: row.username, password_hash: row.passwordHash,
      disabled: 0, created_at: row.createdAt.toISOString(), email_enc: row.emailEnc ?? null,
    })
    .execute();
}

export interface ReminderRecipientRow { id: string; username: string; role: StaffRole; groups: string[]; emailEnc: string }

/**
 * Active staff with a role on `deskId` who left an address for reminders, optionally only
 * those with the given ids, with their role there and the groups they belong to (a restricted
 * case reminds only its group's members). The address stays sealed here; the mail job opens
 * it at the moment of sending.
 */
export async function listReminderRecipients(db: HavenDb, input: { deskId: string; onlyIds?: string[] | undefined }): Promise<ReminderRecipientRow[]> {
  if (input.onlyIds?.length === 0) return [];
  let query = db
    .selectFrom('staff_users')
    .innerJoin('staff_desk_roles', 'staff_desk_roles.user_id', 'staff_users.id')
    .select(['staff_users.id', 'staff_users.username', 'staff_desk_roles.role', 'staff_users.email_enc'])
    .where('staff_desk_roles.desk_id', '=', input.deskId)
    .where('staff_users.disabled', '=', 0)
    .where('staff_users.email_enc', 'is not', null);
  if (input.onlyIds !== undefined) query = query.where('staff_users.id', 'in', input.onlyIds);
  const rows = await query.orderBy('staff_users.username').execute();
  const groups = await groupsOf(db, rows.map((r) => r.id));
  return rows.flatMap((r) => (r.email_enc === null ? [] : [{
    id: r.id, username: r.username, role: storedValue(r.role, isStaffRole, 'staff_desk_roles.role'), groups: groups.get(r.id) ?? [],
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

/**
 * The sealed reminder address of one staff member, or null: none given, the account is
 * disabled, or they no longer hold a role on the desk the reminder is about.
 */
export async function findStaffEmail(db: HavenDb, staffId: string, deskId: string): Promise<{ username: string; emailEnc: string } | null> {
  const row = await db.selectFrom('staff_users')
    .innerJoin('staff_desk_roles', 'staff_desk_roles.user_id', 'staff_users.id')
    .select(['staff_users.username', 'staff_users.email_enc'])
    .where('staff_users.id', '=', staffId).where('staff_desk_roles.desk_id', '=', deskId).where('staff_users.disabled', '=', 0)
    .executeTakeFirst();
  return row?.email_enc == null ? null : { username: row.username, emailEnc: row.email_enc };
}

/** Finds a staff account by username (exact match). */
export async function findStaffByUsername(db: HavenDb, username: string): Promise<StaffUserRow | null> {
  const row = await db
    .selectFrom('staff_users')
    .select(['id', 'username', 'disabled', 'password_hash'])
    .where('username', '=', username)
    .executeTakeFirst();
  return row === undefined ? null : { id: row.id, username: row.username, disabled: row.disabled === 1, passwordHash: row.password_hash };
}

/** Counts staff accounts. */
export async function countStaff(db: HavenDb): Promise<number> {
  const row = await db.selectFrom('staff_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** A staff member's username, or null when there is no such account. */
export async function findStaffUsername(db: HavenDb, staffId: string): Promise<string | null> {
  const row = await db.selectFrom('staff_users').select('username').where('id', '=', staffId).executeTakeFirst();
  return row?.username ?? null;
}
