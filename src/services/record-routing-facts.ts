import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import { listParties } from '../db/repositories/case-parts.js';
import { saveRoutingFacts, type StoredRoutingFacts } from '../db/repositories/routing.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';

/**
 * A handler records what they found about a case for the router: standing of the reporter and of
 * each reported party, the evidence, whether it is ongoing. Standing may only be given for the
 * case's own reported parties: an id from another case is refused, so nothing is stored against it.
 */
export async function recordRoutingFacts(ctx: ServiceContext, actor: Actor, reference: string, facts: StoredRoutingFacts): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference });
    const reported = new Set((await listParties(trx, kase.id)).filter((p) => p.role === 'reported').map((p) => p.id));
    const problems = facts.reported.flatMap((r, i) => (reported.has(r.partyId) ? [] : [{ path: `reported.${i}.partyId`, message: 'Not a reported person of this case.' }]));
    if (new Set(facts.reported.map((r) => r.partyId)).size !== facts.reported.length) problems.push({ path: 'reported', message: 'Each reported person may appear once.' });
    if (problems.length > 0) throw new AppError('validation_failed', 'Some standings do not belong to this case.', problems);
    await saveRoutingFacts(trx, { caseId: kase.id, facts, by: actor.id, at: now });
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.routing_facts_recorded', caseId: kase.id, detail: { reported: facts.reported.length },
    });
  });
}
