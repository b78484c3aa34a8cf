import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import { setEvidencePersonalInformation } from '../db/repositories/case-parts.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';

/** A handler marks a case's evidence as personal information (or unmarks it); audited. */
export async function markEvidence(ctx: ServiceContext, actor: Actor, reference: string, input: { evidenceId: string; personalInformation: boolean }): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference });
    if (!(await setEvidencePersonalInformation(trx, { caseId: kase.id, evidenceId: input.evidenceId, marked: input.personalInformation }))) {
      throw new AppError('not_found', 'This case has no such evidence.');
    }
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.evidence_marked', caseId: kase.id,
      detail: { evidenceId: input.evidenceId, personalInformation: input.personalInformation },
    });
  });
}
