import type { StaffRole } from '../domain/access-policy.js';
import { listAllStaff } from '../db/repositories/staff-admin.js';
import { listDeskRolesOf } from '../db/repositories/staff-desk-roles.js';
import type { ServiceContext } from './context.js';

/** `haven user list`: every account, enabled or not, with its second factor and its role on each desk. */
export async function listStaffAccounts(ctx: ServiceContext): Promise<{
  username: string; active: boolean; secondFactor: boolean; roles: { slug: string; role: StaffRole }[];
}[]> {
  const accounts = await listAllStaff(ctx.db);
  return Promise.all(accounts.map(async (a) => ({
    username: a.username, active: !a.disabled, secondFactor: a.totpEnrolled,
    roles: (await listDeskRolesOf(ctx.db, a.id)).map((r) => ({ slug: r.slug, role: r.role })),
  })));
}
