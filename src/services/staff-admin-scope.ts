import { adminDesksOf, canOnDesk, type Actor } from '../domain/access-policy.js';
import type { StaffRole } from '../domain/access-policy.js';
import type { HavenDb } from '../db/connection.js';
import { findDeskBySlug, type DeskRow } from '../db/repositories/desks.js';
import { rolesOf } from '../db/repositories/staff-admin.js';
import { AppError } from './errors.js';

// Who an admin may administer. Being admin is per desk: an admin sees and changes the people
// of the desks they administer, and their roles there only. Someone with no role on those
// desks does not exist for them (404, like a desk that is not theirs).

/** The desks where the actor is admin; none, and staff administration is closed to them. */
export function adminDeskIds(actor: Actor): string[] {
  const ids = adminDesksOf(actor);
  if (ids.length === 0) throw new AppError('forbidden', 'Only a desk\'s admins manage its staff.');
  return ids;
}

function noSuchPerson(): AppError {
  return new AppError('not_found', 'No such person on the desks you administer.');
}

/** A desk the actor administers, by slug; any other desk is answered like one that does not exist. */
export async function administeredDesk(db: HavenDb, actor: Actor, slug: string): Promise<DeskRow> {
  adminDeskIds(actor);
  const desk = await findDeskBySlug(db, slug);
  if (desk === null || !canOnDesk(actor, 'desk.administer', desk.id)) throw new AppError('not_found', 'No such desk, or you are not its admin.');
  return desk;
}

/** Someone the actor may administer (a role on one of the actor's desks), with all their roles. */
export async function administeredPerson(db: HavenDb, actor: Actor, staffId: string): Promise<Map<string, StaffRole>> {
  const desks = adminDeskIds(actor);
  const roles = await rolesOf(db, staffId);
  if (!desks.some((d) => roles.has(d))) throw noSuchPerson();
  return roles;
}

/** Refuses an act on oneself that another admin must do (so nobody locks themselves out by mistake). */
export function refuseSelf(actor: Actor, staffId: string, what: string): void {
  if (actor.id === staffId) throw new AppError('conflict', `Ask another admin to ${what} your own account.`);
}
