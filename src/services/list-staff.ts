import type { Actor, StaffRole } from '../domain/access-policy.js';
import { isIdle, STAFF_IDLE_DEFAULT_MINUTES } from '../domain/second-factor.js';
import { SIGN_IN_FAILURE_MEMORY_MS } from '../domain/sign-in-throttle.js';
import { listDesks } from '../db/repositories/desks.js';
import { desksRequiringSecondFactor, listStaffOnDesks } from '../db/repositories/staff-admin.js';
import { listSessionsOf, summarizeLoginFailures, type LoginFailureSummary, type SessionSummaryRow } from '../db/repositories/staff-sessions.js';
import { adminDeskIds } from './staff-admin-scope.js';
import type { ServiceContext } from './context.js';

export interface StaffListing {
  desks: { slug: string; name: string; requireSecondFactor: boolean }[];
  staff: {
    id: string; username: string; active: boolean; secondFactor: boolean;
    roles: { slug: string; name: string; role: StaffRole }[];
    sessions: Omit<SessionSummaryRow, 'userId'>[];
    failedSignIns: LoginFailureSummary | null;
  }[];
}

/**
 * The people of the desks the actor administers, with their roles there (roles elsewhere are
 * not the actor's business), whether they have a second factor, their live sessions, and the
 * failed sign-ins for their username in the last day, so that someone being guessed at is seen.
 */
export async function listStaff(ctx: ServiceContext, actor: Actor): Promise<StaffListing> {
  const deskIds = adminDeskIds(actor);
  const now = ctx.now();
  const idleMinutes = ctx.staffIdleMinutes ?? STAFF_IDLE_DEFAULT_MINUTES;
  const rows = await listStaffOnDesks(ctx.db, deskIds);
  const ids = [...new Set(rows.map((r) => r.id))];
  const sessions = await listSessionsOf(ctx.db, ids, now);
  const failures = await summarizeLoginFailures(ctx.db, [...new Set(rows.map((r) => r.username))], new Date(now.getTime() - SIGN_IN_FAILURE_MEMORY_MS));
  const requiring = await desksRequiringSecondFactor(ctx.db, deskIds);
  const desks = (await listDesks(ctx.db)).filter((d) => deskIds.includes(d.id))
    .map((d) => ({ slug: d.slug, name: d.name, requireSecondFactor: requiring.has(d.id) }));
  const staff: StaffListing['staff'] = [];
  for (const row of rows) {
    let person = staff.find((p) => p.id === row.id);
    if (person === undefined) {
      person = {
        id: row.id, username: row.username, active: !row.disabled, secondFactor: row.totpEnrolled, roles: [],
        sessions: sessions.filter((s) => s.userId === row.id && !isIdle(s.lastSeenAt, now, idleMinutes)).map(({ createdAt, lastSeenAt, expiresAt }) => ({ createdAt, lastSeenAt, expiresAt })),
        failedSignIns: failures.get(row.username) ?? null,
      };
      staff.push(person);
    }
    person.roles.push({ slug: row.deskSlug, name: row.deskName, role: row.role });
  }
  return { desks, staff };
}
