import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { findTemplate, insertTemplate, type TemplateFields } from '../db/repositories/reply-templates.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { ServiceContext } from './context.js';
import { loadAdminDesk, type DeskTemplate } from './template-access.js';

/** A desk's admin adds a reply template; audited with it. */
export async function createTemplate(ctx: ServiceContext, actor: Actor, input: TemplateFields & { deskSlug: string }): Promise<DeskTemplate> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await loadAdminDesk(trx, actor, input.deskSlug);
    const id = newId(now.getTime());
    const { name, language, purpose, body } = input;
    await insertTemplate(trx, { id, deskId: desk.id, name, language, purpose, body, by: actor.id, at: now });
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'template.created', caseId: null, detail: { templateId: id, deskId: desk.id, purpose },
    });
    const template = await findTemplate(trx, id);
    if (template === null) throw new Error('template vanished in its own transaction');
    return { template, desk };
  });
}
