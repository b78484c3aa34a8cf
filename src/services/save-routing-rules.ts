import { auditChain } from './audit-chain.js';
import { canOnDesk, type Actor } from '../domain/access-policy.js';
import { checkRuleSet, type RuleSet } from '../domain/routing-rules.js';
import { findDeskBySlug } from '../db/repositories/desks.js';
import { currentRoutingRules, saveRoutingRules, type VersionedRules } from '../db/repositories/routing.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/**
 * A desk's routing rules: read by anyone who works on the desk, saved only by its admins, each
 * save a new version (`basedOn` must be the current one, so two admins editing at once do not
 * overwrite each other). A desk the actor does not work on is answered like one that does not exist.
 */
export async function routingRulesOfDesk(
  ctx: ServiceContext, actor: Actor, deskSlug: string, save?: { rules: RuleSet; basedOn: number },
): Promise<VersionedRules> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await findDeskBySlug(trx, deskSlug);
    if (desk === null || !canOnDesk(actor, 'desk.read', desk.id)) throw new AppError('not_found', 'There is no such desk, or you do not work on it.');
    const current = await currentRoutingRules(trx, desk.id);
    if (save === undefined) return current;
    if (!canOnDesk(actor, 'desk.administer', desk.id)) throw new AppError('forbidden', 'Only the desk\'s admins can change its routing rules.');
    const problems = checkRuleSet(save.rules);
    if (problems.length > 0) throw new AppError('validation_failed', 'The rules cannot be saved as they are.', problems.map((p) => ({ path: `rules.${p.path}`, message: p.message })));
    if (save.basedOn !== current.version) throw new AppError('conflict', `The rules changed since you opened them (now version ${current.version}); reload and edit again.`);
    const version = await saveRoutingRules(trx, { deskId: desk.id, previous: current.version, rules: save.rules, by: actor.id, at: now });
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: actor.id, action: 'desk.routing_rules_saved', caseId: null, detail: { deskId: desk.id, version } });
    return { version, rules: save.rules };
  });
}
