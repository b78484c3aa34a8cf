import { auditChain } from './audit-chain.js';
import { evidenceAddress } from './security/evidence-seal.js';
import type { Actor } from '../domain/access-policy.js';
import { findEvidenceUrl } from '../db/repositories/case-parts.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';

/**
 * Shows a staff member the address of a piece of evidence (marked as personal information, or
 * not): a deliberate act, written to the audit log before the address leaves the server.
 */
export async function revealEvidence(ctx: ServiceContext, actor: Actor, reference: string, evidenceId: string): Promise<string> {
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.view', { reference });
    const stored = await findEvidenceUrl(trx, kase.id, evidenceId);
    if (stored === null) throw new AppError('not_found', 'This case has no such evidence.');
    const url = evidenceAddress(ctx.cipher, { id: evidenceId, url: stored });
    await appendAudit(trx, auditChain(ctx), {
      at: ctx.now(), actorKind: 'staff', actorId: actor.id, action: 'case.personal_information_shown', caseId: kase.id, detail: { evidenceId },
    });
    return url;
  });
}
