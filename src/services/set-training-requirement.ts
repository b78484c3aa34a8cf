import { auditChain } from './audit-chain.js';
import { canOnDesk, type Actor } from '../domain/access-policy.js';
import { findDeskBySlug } from '../db/repositories/desks.js';
import { listTrainingRequirements, releaseTrainingModule, requireTrainingModule } from '../db/repositories/training-requirements.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/**
 * A desk's admin requires a training module before anyone takes that desk's cases, or stops
 * requiring it. The caller has checked that the module exists (modules are files the server
 * loaded); its title is kept with the requirement, for the refusals that name it. A desk the
 * actor does not administer is answered like one that does not exist. Audited when it changes.
 * Returns what the desk requires now.
 */
export async function setTrainingRequirement(
  ctx: ServiceContext, actor: Actor, input: { deskSlug: string; module: { id: string; title: string }; required: boolean },
): Promise<{ desk: { slug: string; name: string }; moduleIds: string[] }> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await findDeskBySlug(trx, input.deskSlug);
    if (desk === null || !canOnDesk(actor, 'desk.read', desk.id)) throw new AppError('not_found', 'There is no such desk, or you do not work on it.');
    if (!canOnDesk(actor, 'desk.administer', desk.id)) throw new AppError('forbidden', 'Only the desk\'s admins can require training.');
    const changed = input.required
      ? await requireTrainingModule(trx, { deskId: desk.id, moduleId: input.module.id, moduleTitle: input.module.title, by: actor.id, at: now })
      : await releaseTrainingModule(trx, { deskId: desk.id, moduleId: input.module.id });
    if (changed) {
      await appendAudit(trx, auditChain(ctx), {
        at: now, actorKind: 'staff', actorId: actor.id, action: 'training.requirement_set', caseId: null,
        detail: { deskId: desk.id, moduleId: input.module.id, required: input.required },
      });
    }
    const moduleIds = (await listTrainingRequirements(trx, [desk.id])).map((r) => r.moduleId);
    return { desk: { slug: desk.slug, name: desk.name }, moduleIds };
  });
}
