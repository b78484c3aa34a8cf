import { countStaff } from '../db/repositories/staff.js';
import type { ServiceContext } from './context.js';

/** How many staff accounts exist; none means the desk still needs its first administrator. */
export function countStaffAccounts(ctx: ServiceContext): Promise<number> {
  return countStaff(ctx.db);
}
