import { canOnCase, canOnDesk, isStaffRole } from './domain';
import type { StaffUser } from './api';

/**
 * Whether the signed-in user may take, reply on and change a case of the desk `deskSlug`
 * (reviewers read and sign off only; roles are held per desk). Decided by the server's own
 * access rule, so the two cannot drift; the server still refuses on its own, this only spares
 * the user a button that cannot work. Any role string is accepted: one this console does not
 * know works nothing.
 */
export function mayWorkCases(user: Pick<StaffUser, 'id'> & { desks: readonly { slug: string; role: string }[] }, deskSlug: string): boolean {
  const role = user.desks.find((d) => d.slug === deskSlug)?.role;
  if (role === undefined || !isStaffRole(role)) return false;
  // The case is already on screen, so group restrictions have been passed; only the role on
  // its desk is left. The console knows desks by slug, so the slug stands in for the id.
  return canOnCase({ kind: 'staff', id: user.id, roles: new Map([[deskSlug, role]]), groups: [] }, 'case.update', {
    deskId: deskSlug,
    restrictedToGroup: null,
    severity: 'normal',
  });
}

/** Whether the user may read the audit trail of the desk `deskSlug` (its admins), by the server's own rule. */
export function mayReadAudit(user: { id: string; desks: readonly { slug: string; role: string }[] }, deskSlug: string): boolean {
  const role = user.desks.find((d) => d.slug === deskSlug)?.role;
  if (role === undefined || !isStaffRole(role)) return false;
  return canOnDesk({ kind: 'staff', id: user.id, roles: new Map([[deskSlug, role]]), groups: [] }, 'audit.read', deskSlug);
}

/** Whether the user administers any desk (the team's training page is theirs). */
export function administersADesk(user: { desks: readonly { role: string }[] }): boolean {
  return user.desks.some((d) => d.role === 'admin');
}

/** Whether to show desks at all: only to someone who works on more than one. */
export function worksOnSeveralDesks(user: { desks: readonly unknown[] }): boolean {
  return user.desks.length > 1;
}
