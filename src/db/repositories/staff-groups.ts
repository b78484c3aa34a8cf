import { isStaffRole } from '../../domain/access-policy.js';
import type { DeskWorker } from '../../domain/groups.js';
import type { HavenDb } from '../connection.js';
import { storedValue } from './stored-value.js';
import { toDate } from '../schema.js';

// A desk's groups and their members (migrations 0010 and 0030). Membership is the only key to
// a restricted case; sessions read it on every request (staff-sessions.ts), so a change here
// is felt on the member's next request.

export interface GroupRow {
  id: string;
  deskId: string;
  name: string;
  escalation: boolean;
  createdAt: Date;
  members: { id: string; username: string; addedAt: Date }[];
}

/** The groups of these desks with their members, escalation group first, then by name. */
export async function listGroups(db: HavenDb, deskIds: readonly string[]): Promise<GroupRow[]> {
  if (deskIds.length === 0) return [];
  const groups = await db.selectFrom('staff_groups').select(['id', 'desk_id', 'name', 'escalation', 'created_at'])
    .where('desk_id', 'in', [...deskIds]).orderBy('desk_id').orderBy('escalation', 'desc').orderBy('name').execute();
  if (groups.length === 0) return [];
  const members = await db.selectFrom('staff_group_members')
    .innerJoin('staff_users', 'staff_users.id', 'staff_group_members.user_id')
    .select(['staff_group_members.group_id', 'staff_users.id', 'staff_users.username', 'staff_group_members.added_at'])
    .where('staff_group_members.group_id', 'in', groups.map((g) => g.id))
    .orderBy('staff_users.username').execute();
  return groups.map((g) => ({
    id: g.id, deskId: g.desk_id, name: g.name, escalation: g.escalation === 1, createdAt: toDate(g.created_at),
    members: members.filter((m) => m.group_id === g.id).map((m) => ({ id: m.id, username: m.username, addedAt: toDate(m.added_at) })),
  }));
}

/** One group with its members, or null. */
export async function findGroup(db: HavenDb, id: string): Promise<GroupRow | null> {
  const row = await db.selectFrom('staff_groups').select('desk_id').where('id', '=', id).executeTakeFirst();
  if (row === undefined) return null;
  return (await listGroups(db, [row.desk_id])).find((g) => g.id === id) ?? null;
}

/** The escalation group of a desk, by id, or null (a desk made before migration 0030 ran has one). */
export async function escalationGroupOf(db: HavenDb, deskId: string): Promise<string | null> {
  const row = await db.selectFrom('staff_groups').select('id').where('desk_id', '=', deskId).where('escalation', '=', 1).executeTakeFirst();
  return row?.id ?? null;
}

/** Whether the desk already has a group by this name (names are unique per desk). */
export async function groupNameTaken(db: HavenDb, deskId: string, name: string): Promise<boolean> {
  const row = await db.selectFrom('staff_groups').select('id').where('desk_id', '=', deskId).where('name', '=', name).executeTakeFirst();
  return row !== undefined;
}

/** Adds a group to a desk. */
export async function insertGroup(
  db: HavenDb, row: { id: string; deskId: string; name: string; escalation: boolean; now: Date },
): Promise<void> {
  await db.insertInto('staff_groups')
    .values({ id: row.id, desk_id: row.deskId, name: row.name, escalation: row.escalation ? 1 : 0, created_at: row.now.toISOString() })
    .execute();
}

/** Renames a group. */
export async function renameGroup(db: HavenDb, id: string, name: string): Promise<void> {
  await db.updateTable('staff_groups').set({ name }).where('id', '=', id).execute();
}

/** How many cases are restricted to a group: a group that still guards cases cannot go. */
export async function countCasesRestrictedTo(db: HavenDb, groupId: string): Promise<number> {
  const row = await db.selectFrom('cases').select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('restricted_to_group', '=', groupId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Deletes a group and its memberships. */
export async function deleteGroup(db: HavenDb, id: string): Promise<void> {
  await db.deleteFrom('staff_group_members').where('group_id', '=', id).execute();
  await db.deleteFrom('staff_groups').where('id', '=', id).execute();
}

/** Adds a member; false when they already were one. */
export async function insertGroupMember(db: HavenDb, input: { groupId: string; userId: string; now: Date }): Promise<boolean> {
  const result = await db.insertInto('staff_group_members')
    .values({ group_id: input.groupId, user_id: input.userId, added_at: input.now.toISOString() })
    .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes a member; false when they were not one. */
export async function deleteGroupMember(db: HavenDb, input: { groupId: string; userId: string }): Promise<boolean> {
  const result = await db.deleteFrom('staff_group_members').where('group_id', '=', input.groupId).where('user_id', '=', input.userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Everyone active on a desk with their role there and their groups: whom the escalation
 * fallback weighs (can anyone still work this case?).
 */
export async function listDeskWorkers(db: HavenDb, deskId: string): Promise<DeskWorker[]> {
  const rows = await db.selectFrom('staff_desk_roles')
    .innerJoin('staff_users', 'staff_users.id', 'staff_desk_roles.user_id')
    .leftJoin('staff_group_members', 'staff_group_members.user_id', 'staff_desk_roles.user_id')
    .select(['staff_desk_roles.user_id', 'staff_desk_roles.role', 'staff_group_members.group_id'])
    .where('staff_desk_roles.desk_id', '=', deskId).where('staff_users.disabled', '=', 0)
    .orderBy('staff_desk_roles.user_id').execute();
  const workers = new Map<string, DeskWorker>();
  for (const r of rows) {
    const worker = workers.get(r.user_id) ?? { id: r.user_id, role: storedValue(r.role, isStaffRole, 'staff_desk_roles.role'), groups: [] };
    if (r.group_id !== null) worker.groups.push(r.group_id);
    workers.set(r.user_id, worker);
  }
  return [...workers.values()];
}

/** Staff ids on a desk whose Haven username, in matching form, is one of `keys`. */
export async function staffByUsernameKeys(db: HavenDb, deskId: string, keys: ReadonlySet<string>, normalise: (name: string) => string): Promise<string[]> {
  if (keys.size === 0) return [];
  // Usernames are few per desk and the matching form is not stored for them: compare here.
  const rows = await db.selectFrom('staff_desk_roles').innerJoin('staff_users', 'staff_users.id', 'staff_desk_roles.user_id')
    .select(['staff_users.id', 'staff_users.username']).where('staff_desk_roles.desk_id', '=', deskId).execute();
  return rows.filter((r) => keys.has(normalise(r.username))).map((r) => r.id);
}

/** Staff on these desks who linked one of these accounts (by blind index, under any configured key), with the desk. */
export async function staffByAccountKeys(
  db: HavenDb, deskIds: readonly string[], keys: readonly string[],
): Promise<{ userId: string; deskId: string; accountKey: string }[]> {
  if (deskIds.length === 0 || keys.length === 0) return [];
  const rows = await db.selectFrom('staff_accounts')
    .innerJoin('staff_desk_roles', 'staff_desk_roles.user_id', 'staff_accounts.user_id')
    .select(['staff_accounts.user_id', 'staff_desk_roles.desk_id', 'staff_accounts.account_key'])
    .where('staff_desk_roles.desk_id', 'in', [...deskIds]).where('staff_accounts.account_key', 'in', [...new Set(keys)])
    .execute();
  return rows.map((r) => ({ userId: r.user_id, deskId: r.desk_id, accountKey: r.account_key }));
}

/** The account names a staff member linked, by name. */
export async function listStaffAccounts(db: HavenDb, userId: string): Promise<{ key: string; name: string; addedAt: Date }[]> {
  const rows = await db.selectFrom('staff_accounts').select(['account_key', 'account_name', 'added_at']).where('user_id', '=', userId)
    .orderBy('account_key').execute();
  return rows.map((r) => ({ key: r.account_key, name: r.account_name, addedAt: toDate(r.added_at) }));
}

/** Links an account name to a staff member; false when it was linked already. */
export async function insertStaffAccount(db: HavenDb, input: { userId: string; key: string; name: string; now: Date }): Promise<boolean> {
  const result = await db.insertInto('staff_accounts')
    .values({ user_id: input.userId, account_key: input.key, account_name: input.name, added_at: input.now.toISOString() })
    .onConflict((oc) => oc.columns(['user_id', 'account_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Unlinks an account name; false when it was not linked. */
export async function deleteStaffAccount(db: HavenDb, input: { userId: string; keys: readonly string[] }): Promise<boolean> {
  if (input.keys.length === 0) return false;
  const result = await db.deleteFrom('staff_accounts').where('user_id', '=', input.userId).where('account_key', 'in', [...input.keys]).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Cases of the desk (open or closed) naming this account (by its blind indexes) in any party role: a new link recuses them too. */
export async function casesNamingAccount(db: HavenDb, deskIds: readonly string[], keys: readonly string[]): Promise<string[]> {
  if (deskIds.length === 0 || keys.length === 0) return [];
  const rows = await db.selectFrom('case_parties').innerJoin('cases', 'cases.id', 'case_parties.case_id')
    .select('cases.id').distinct()
    .where('case_parties.account_key', 'in', [...keys]).where('cases.desk_id', 'in', [...deskIds])
    .execute();
  return rows.map((r) => r.id);
}

/** Marks a case as sent to the escalation group because recusals left nobody to work it. */
export async function markRecusalEscalated(db: HavenDb, input: { caseId: string; groupId: string; now: Date }): Promise<void> {
  await db.updateTable('cases').set({ restricted_to_group: input.groupId, recusal_escalated_at: input.now.toISOString() })
    .where('id', '=', input.caseId).execute();
}

/** Sets or lifts a case's restriction. */
export async function setCaseRestriction(db: HavenDb, input: { caseId: string; groupId: string | null }): Promise<void> {
  await db.updateTable('cases').set({ restricted_to_group: input.groupId }).where('id', '=', input.caseId).execute();
}


/** Frees a case held by one of these staff (a recused holder cannot go on working it). */
export async function releaseCaseFrom(db: HavenDb, caseId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.updateTable('cases').set({ assignee_id: null }).where('id', '=', caseId).where('assignee_id', 'in', [...userIds]).execute();
}

/** Clears the escalation flag of a case (its restriction was lifted or moved by a member). */
export async function clearRecusalEscalated(db: HavenDb, caseId: string): Promise<void> {
  await db.updateTable('cases').set({ recusal_escalated_at: null }).where('id', '=', caseId).execute();
}
