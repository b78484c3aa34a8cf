import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import { findTemplate, retireTemplate, updateTemplate, type TemplateFields } from '../db/repositories/reply-templates.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { ServiceContext } from './context.js';
import { AppError } from './errors.js';
import { loadTemplateFor, type DeskTemplate } from './template-access.js';

/**
 * A desk's admin edits a template, or retires it (`retire`): it leaves the composer and stays
 * for the messages that started from it. Either is audited; a retired template is not edited.
 */
export async function updateDeskTemplate(
  ctx: ServiceContext, actor: Actor, id: string, change: { retire: true } | { retire: false; fields: Partial<TemplateFields> },
): Promise<DeskTemplate> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { template, desk } = await loadTemplateFor(trx, actor, id, 'manage');
    if (template.retiredAt !== null) throw new AppError('conflict', 'This template is retired; add a new one instead.');
    if (change.retire) {
      await retireTemplate(trx, id, { by: actor.id, at: now });
      await appendAudit(trx, auditChain(ctx), {
        at: now, actorKind: 'staff', actorId: actor.id, action: 'template.retired', caseId: null, detail: { templateId: id, deskId: desk.id },
      });
    } else {
      const next = { ...template, ...definedOnly(change.fields) };
      await updateTemplate(trx, id, { name: next.name, language: next.language, purpose: next.purpose, body: next.body, by: actor.id, at: now });
      await appendAudit(trx, auditChain(ctx), {
        at: now, actorKind: 'staff', actorId: actor.id, action: 'template.updated', caseId: null, detail: { templateId: id, deskId: desk.id, purpose: next.purpose },
      });
    }
    const updated = await findTemplate(trx, id);
    if (updated === null) throw new Error('template vanished in its own transaction');
    return { template: updated, desk };
  });
}

function definedOnly(fields: Partial<TemplateFields>): Partial<TemplateFields> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
