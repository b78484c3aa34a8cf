import { isStaffRole, type StaffRole } from '../../domain/access-policy.js';
import type { HavenDb } from '../connection.js';
import { storedValue } from './stored-value.js';
import { toDate } from '../schema.js';

// What staff administration reads and writes beyond roles and sessions: the people of some
// desks, account switches, passwords, the desks' second-factor setting, and invitations.

export interface StaffOnDeskRow {
  id: string; username: string; disabled: boolean; totpEnrolled: boolean;
  deskId: string; deskSlug: string; deskName: string; role: StaffRole;
}

/** Everyone holding a role on any of these desks, one row per person and desk, by username. */
export async function listStaffOnDesks(db: HavenDb, deskIds: string[]): Promise<StaffOnDeskRow[]> {
  if (deskIds.length === 0) return [];
  const rows = await db.selectFrom('staff_desk_roles')
    .innerJoin('staff_users', 'staff_users.id', 'staff_desk_roles.user_id')
    .innerJoin('desks', 'desks.id', 'staff_desk_roles.desk_id')
    .select(['staff_users.id', 'staff_users.username', 'staff_users.disabled', 'staff_users.totp_secret_enc',
      'desks.id as desk_id', 'desks.slug', 'desks.name', 'staff_desk_roles.role'])
    .where('staff_desk_roles.desk_id', 'in', deskIds)
    .orderBy('staff_users.username').orderBy('desks.is_default', 'desc').orderBy('desks.slug')
    .execute();
  return rows.map((r) => ({
    id: r.id, username: r.username, disabled: r.disabled === 1, totpEnrolled: r.totp_secret_enc !== null,
    deskId: r.desk_id, deskSlug: r.slug, deskName: r.name, role: storedValue(r.role, isStaffRole, 'staff_desk_roles.role'),
  }));
}

/** Every role one person holds, by desk id. */
export async function rolesOf(db: HavenDb, userId: string): Promise<Map<string, StaffRole>> {
  const rows = await db.selectFrom('staff_desk_roles').select(['desk_id', 'role']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.desk_id, storedValue(r.role, isStaffRole, 'staff_desk_roles.role')]));
}

/** How many enabled admins a desk has. */
export async function countActiveAdmins(db: HavenDb, deskId: string): Promise<number> {
  const row = await db.selectFrom('staff_desk_roles').innerJoin('staff_users', 'staff_users.id', 'staff_desk_roles.user_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('staff_desk_roles.desk_id', '=', deskId).where('staff_desk_roles.role', '=', 'admin').where('staff_users.disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Switches an account off (1) or on (0); false when there is no such account. */
export async function setStaffDisabled(db: HavenDb, userId: string, disabled: boolean): Promise<boolean> {
  const result = await db.updateTable('staff_users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces an account's password hash. */
export async function setStaffPassword(db: HavenDb, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('staff_users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

/** Every account, by username, with whether it is enabled and has a second factor (for `haven user list`). */
export async function listAllStaff(db: HavenDb): Promise<{ id: string; username: string; disabled: boolean; totpEnrolled: boolean }[]> {
  const rows = await db.selectFrom('staff_users').select(['id', 'username', 'disabled', 'totp_secret_enc']).orderBy('username').execute();
  return rows.map((r) => ({ id: r.id, username: r.username, disabled: r.disabled === 1, totpEnrolled: r.totp_secret_enc !== null }));
}

/** The desks, among these, that require a second factor of every role. */
export async function desksRequiringSecondFactor(db: HavenDb, deskIds: string[]): Promise<Set<string>> {
  if (deskIds.length === 0) return new Set();
  const rows = await db.selectFrom('desks').select('id').where('id', 'in', deskIds).where('require_second_factor', '=', 1).execute();
  return new Set(rows.map((r) => r.id));
}

/** Sets whether a desk requires a second factor of every role; returns the previous setting. */
export async function setDeskSecondFactor(db: HavenDb, deskId: string, required: boolean): Promise<boolean> {
  const row = await db.selectFrom('desks').select('require_second_factor').where('id', '=', deskId).executeTakeFirstOrThrow();
  await db.updateTable('desks').set({ require_second_factor: required ? 1 : 0 }).where('id', '=', deskId).execute();
  return row.require_second_factor === 1;
}

export interface InvitationRow { id: string; username: string; deskId: string; deskName: string; role: StaffRole; emailEnc: string; expiresAt: Date; usedAt: Date | null }

/** Stores an invitation; `id` is the hash of its token. */
export async function insertInvitation(db: HavenDb, row: {
  id: string; username: string; deskId: string; role: StaffRole; emailEnc: string; invitedBy: string; createdAt: Date; expiresAt: Date;
}): Promise<void> {
  await db.insertInto('staff_invitations').values({
    id: row.id, username: row.username, desk_id: row.deskId, role: row.role, email_enc: row.emailEnc, invited_by: row.invitedBy,
    created_at: row.createdAt.toISOString(), expires_at: row.expiresAt.toISOString(), used_at: null,
  }).execute();
}

/** An invitation by the hash of its token, or null. */
export async function findInvitation(db: HavenDb, id: string): Promise<InvitationRow | null> {
  const row = await db.selectFrom('staff_invitations').innerJoin('desks', 'desks.id', 'staff_invitations.desk_id')
    .select(['staff_invitations.id', 'staff_invitations.username', 'staff_invitations.desk_id', 'desks.name', 'staff_invitations.role',
      'staff_invitations.email_enc', 'staff_invitations.expires_at', 'staff_invitations.used_at'])
    .where('staff_invitations.id', '=', id).executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.id, username: row.username, deskId: row.desk_id, deskName: row.name, role: storedValue(row.role, isStaffRole, 'staff_invitations.role'),
    emailEnc: row.email_enc, expiresAt: toDate(row.expires_at), usedAt: row.used_at === null ? null : toDate(row.used_at),
  };
}

/** Whether an unused, unexpired invitation names this username. */
export async function hasLiveInvitation(db: HavenDb, username: string, now: Date): Promise<boolean> {
  const row = await db.selectFrom('staff_invitations').select('id')
    .where('username', '=', username).where('used_at', 'is', null).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  return row !== undefined;
}

/** Uses an invitation up, once: false when it was used (or expired) already. */
export async function useInvitation(db: HavenDb, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('staff_invitations').set({ used_at: now.toISOString() })
    .where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
