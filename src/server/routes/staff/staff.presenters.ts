import type { StaffListing } from '../../../services/list-staff.js';
import type { StaffListResponse } from '../../../shared/api/staff.js';

/** What an admin's console learns of the people of their desks: never a session's token or a source address. */
export function presentStaffList(listing: StaffListing): StaffListResponse {
  return {
    desks: listing.desks,
    staff: listing.staff.map((p) => ({
      id: p.id, username: p.username, active: p.active, secondFactor: p.secondFactor, roles: p.roles,
      sessions: p.sessions.map((s) => ({ createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), expiresAt: s.expiresAt.toISOString() })),
      failedSignIns: p.failedSignIns === null ? null
        : { count: p.failedSignIns.count, lastAt: p.failedSignIns.lastAt.toISOString(), sources: p.failedSignIns.sources },
    })),
  };
}
