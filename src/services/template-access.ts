import { canOnDesk, type Actor } from '../domain/access-policy.js';
import { findTemplate, type ReplyTemplate } from '../db/repositories/reply-templates.js';
import { findDeskBySlug, listDesks, type DeskRow } from '../db/repositories/desks.js';
import type { HavenDb } from '../db/connection.js';
import { AppError } from './errors.js';

/** A template with the desk it belongs to. */
export interface DeskTemplate { template: ReplyTemplate; desk: DeskRow }

const NO_TEMPLATE = 'There is no such template, or you do not work on its desk.';
const NO_DESK = 'There is no such desk, or you do not work on it.';

/**
 * The one way to a template: on a desk where the actor holds no role it does not exist for
 * them (404, like a case); `manage` needs the desk's admin (403 otherwise, since they may see it).
 */
export async function loadTemplateFor(db: HavenDb, actor: Actor, id: string, need: 'read' | 'manage'): Promise<DeskTemplate> {
  const template = await findTemplate(db, id);
  if (template === null || !canOnDesk(actor, 'desk.read', template.deskId)) throw new AppError('not_found', NO_TEMPLATE);
  if (need === 'manage' && !canOnDesk(actor, 'desk.administer', template.deskId)) throw new AppError('forbidden', 'Only the desk\'s admins can change its templates.');
  const desk = (await listDesks(db)).find((d) => d.id === template.deskId);
  if (desk === undefined) throw new AppError('not_found', NO_TEMPLATE);
  return { template, desk };
}

/** A desk by slug that the actor administers; one they do not work on answers like none. */
export async function loadAdminDesk(db: HavenDb, actor: Actor, slug: string): Promise<DeskRow> {
  const desk = await findDeskBySlug(db, slug);
  if (desk === null || !canOnDesk(actor, 'desk.read', desk.id)) throw new AppError('not_found', NO_DESK, [{ path: 'desk', message: NO_DESK }]);
  if (!canOnDesk(actor, 'desk.administer', desk.id)) throw new AppError('forbidden', 'Only the desk\'s admins can add templates.');
  return desk;
}

/** The desks whose templates the actor may read: all theirs, or the one named (404 when not theirs). */
export async function readableDesks(db: HavenDb, actor: Actor, slug: string | undefined): Promise<DeskRow[]> {
  const mine = (await listDesks(db)).filter((d) => canOnDesk(actor, 'desk.read', d.id));
  if (slug === undefined) return mine;
  const desk = mine.find((d) => d.slug === slug);
  if (desk === undefined) throw new AppError('not_found', NO_DESK);
  return [desk];
}
