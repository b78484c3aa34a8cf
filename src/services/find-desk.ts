import { findDeskBySlug, listDesks, type DeskRow } from '../db/repositories/desks.js';
import { findStaffByUsername } from '../db/repositories/staff.js';
import type { HavenDb } from '../db/connection.js';
import { AppError } from './errors.js';

// Lookups shared by the commands that manage desks and staff (create-staff-user, grant and
// revoke a desk role): each answers a name it cannot find with an error on that field.

/**
 * The desk a staff command names by slug, or the default desk when it names none; an unknown
 * slug is a validation error on the `desk` field, listing the desks there are (staff commands
 * run by operators, who may see every desk).
 */
export async function findDeskOrRefuse(db: HavenDb, slug: string | undefined): Promise<DeskRow> {
  const desk = slug === undefined ? (await listDesks(db)).find((d) => d.isDefault) ?? null : await findDeskBySlug(db, slug);
  if (desk !== null) return desk;
  const known = (await listDesks(db)).map((d) => d.slug).join(', ');
  throw new AppError('validation_failed', `There is no desk ${JSON.stringify(slug ?? '')}; the desks are: ${known}.`, [{ path: 'desk', message: 'Unknown desk.' }]);
}

/** A staff account named in a staff command, or a not-found error on the `username` field. */
export async function findAccountOrRefuse(db: HavenDb, username: string): Promise<{ id: string; username: string }> {
  const user = await findStaffByUsername(db, username);
  if (user === null) throw new AppError('not_found', `There is no account named ${username}.`, [{ path: 'username', message: 'No such account.' }]);
  return user;
}
