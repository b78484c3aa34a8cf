import type { Actor } from '../domain/access-policy.js';
import { listTemplates } from '../db/repositories/reply-templates.js';
import type { ServiceContext } from './context.js';
import { readableDesks, type DeskTemplate } from './template-access.js';

/** The templates of the actor's desks (or one of them), by name; retired ones when asked for. */
export async function listDeskTemplates(
  ctx: ServiceContext, actor: Actor, input: { deskSlug?: string | undefined; withRetired: boolean },
): Promise<DeskTemplate[]> {
  const desks = await readableDesks(ctx.db, actor, input.deskSlug);
  const templates = await listTemplates(ctx.db, desks.map((d) => d.id), input.withRetired);
  return templates.flatMap((template) => {
    const desk = desks.find((d) => d.id === template.deskId);
    return desk === undefined ? [] : [{ template, desk }];
  });
}
