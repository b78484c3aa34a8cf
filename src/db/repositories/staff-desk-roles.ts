import { isStaffRole, type StaffRole } from '../../domain/access-policy.js';
import type { HavenDb } from '../connection.js';
import { storedValue } from './stored-value.js';

/** A role someone holds, with the desk it is held on. */
export interface DeskRoleRow { deskId: string; slug: string; name: string; role: StaffRole }

/**
 * Gives a staff member a role on a desk, or changes the one they hold there (one row per
 * person and desk). Returns the role it replaced, or null. Call it in a transaction with the
 * audit row; the read and the write are in the same one, so `previous` is exact.
 */
export async function setDeskRole(
  db: HavenDb, input: { userId: string; deskId: string; role: StaffRole; now: Date },
): Promise<StaffRole | null> {
  const previous = await roleOnDesk(db, input.userId, input.deskId);
  if (previous === null) {
    await db.insertInto('staff_desk_roles')
      .values({ user_id: input.userId, desk_id: input.deskId, role: input.role, granted_at: input.now.toISOString() }).execute();
  } else if (previous !== input.role) {
    await db.updateTable('staff_desk_roles').set({ role: input.role, granted_at: input.now.toISOString() })
      .where('user_id', '=', input.userId).where('desk_id', '=', input.deskId).execute();
  }
  if (previous !== input.role) await followEscalationRole(db, { ...input, escalation: input.role === 'escalation', wasEscalation: previous === 'escalation' });
  return previous;
}

/**
 * Keeps the desk's escalation group (migration 0030) in step with its escalation role: the role
 * given, the person joins; the role taken away, they leave. The role change's own audit row
 * records it. Other groups are changed only by the desk's admins.
 */
async function followEscalationRole(
  db: HavenDb, input: { userId: string; deskId: string; escalation: boolean; wasEscalation: boolean; now: Date },
): Promise<void> {
  if (input.escalation === input.wasEscalation) return;
  const group = await db.selectFrom('staff_groups').select('id').where('desk_id', '=', input.deskId).where('escalation', '=', 1).executeTakeFirst();
  if (group === undefined) return;
  if (input.escalation) {
    await db.insertInto('staff_group_members').values({ group_id: group.id, user_id: input.userId, added_at: input.now.toISOString() })
      .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing()).execute();
  } else {
    await db.deleteFrom('staff_group_members').where('group_id', '=', group.id).where('user_id', '=', input.userId).execute();
  }
}

/** Takes away someone's role on a desk; returns the role they held, or null when they held none. */
export async function removeDeskRole(db: HavenDb, input: { userId: string; deskId: string }): Promise<StaffRole | null> {
  const previous = await roleOnDesk(db, input.userId, input.deskId);
  if (previous !== null) {
    await db.deleteFrom('staff_desk_roles').where('user_id', '=', input.userId).where('desk_id', '=', input.deskId).execute();
    await followEscalationRole(db, { ...input, escalation: false, wasEscalation: previous === 'escalation', now: new Date(0) });
  }
  return previous;
}

/** Someone's role on one desk, or null. */
export async function roleOnDesk(db: HavenDb, userId: string, deskId: string): Promise<StaffRole | null> {
  const row = await db.selectFrom('staff_desk_roles').select('role').where('user_id', '=', userId).where('desk_id', '=', deskId).executeTakeFirst();
  return row === undefined ? null : storedValue(row.role, isStaffRole, 'staff_desk_roles.role');
}

/** Every role someone holds, with its desk, the default desk first, then by slug. */
export async function listDeskRolesOf(db: HavenDb, userId: string): Promise<DeskRoleRow[]> {
  const rows = await db.selectFrom('staff_desk_roles')
    .innerJoin('desks', 'desks.id', 'staff_desk_roles.desk_id')
    .select(['desks.id', 'desks.slug', 'desks.name', 'staff_desk_roles.role'])
    .where('staff_desk_roles.user_id', '=', userId)
    .orderBy('desks.is_default', 'desc').orderBy('desks.slug')
    .execute();
  return rows.map((r) => ({ deskId: r.id, slug: r.slug, name: r.name, role: storedValue(r.role, isStaffRole, 'staff_desk_roles.role') }));
}
