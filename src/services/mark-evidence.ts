import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import { findEvidenceUrl, setEvidencePersonalInformation } from '../db/repositories/case-parts.js';
import { evidenceAddress, evidenceContext } from './security/evidence-seal.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';

/** A handler marks a case's evidence as personal information (or unmarks it); audited. */
export async function markEvidence(ctx: ServiceContext, actor: Actor, reference: string, input: { evidenceId: string; personalInformation: boolean }): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference });
    const stored = await findEvidenceUrl(trx, kase.id, input.evidenceId);
    if (stored === null) throw new AppError('not_found', 'This case has no such evidence.');
    // Marked: the address is sealed at rest, bound to this evidence; unmarked: stored as given again.
    const address = evidenceAddress(ctx.cipher, { id: input.evidenceId, url: stored });
    const url = input.personalInformation ? ctx.cipher.seal(address, evidenceContext(input.evidenceId)) : address;
    if (!(await setEvidencePersonalInformation(trx, { caseId: kase.id, evidenceId: input.evidenceId, marked: input.personalInformation, previous: stored, url }))) {
      throw new AppError('conflict', 'The evidence changed meanwhile; try again.');
    }
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'case.evidence_marked', caseId: kase.id,
      detail: { evidenceId: input.evidenceId, personalInformation: input.personalInformation },
    });
  });
}
