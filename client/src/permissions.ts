import { canOnCase, isStaffRole } from './domain';

/**
 * Whether the signed-in user may take, reply on and change cases (reviewers read and sign
 * off only). Decided by the server's own access rule, so the two cannot drift; the server
 * still refuses on its own, this only spares the user a button that cannot work. Any role
 * string is accepted: one this console does not know works nothing.
 */
export function mayWorkCases(user: { id: string; role: string }): boolean {
  if (!isStaffRole(user.role)) return false;
  // The case is already on screen, so group restrictions have been passed; only the role is left.
  return canOnCase({ kind: 'staff', id: user.id, role: user.role, groups: [] }, 'case.update', {
    restrictedToGroup: null,
    severity: 'normal',
  });
}
