import { auditChain } from './audit-chain.js';
import { EVIDENCE_FILE_CEILING, type EvidenceFileLimits } from '../domain/evidence-files.js';
import { findDeskBySlug } from '../db/repositories/desks.js';
import { setDeskFileLimits as storeLimits } from '../db/repositories/evidence-files.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/**
 * Sets how many evidence files a report or an update to a desk's cases may carry, and how large
 * each may be: at least one file of 1 KiB, at most the ceiling every request is held to. The
 * command line does it for now (`by` null); audited.
 */
export async function setDeskFileLimits(ctx: ServiceContext, slug: string, limits: EvidenceFileLimits, by: string | null): Promise<void> {
  const fields = [
    ...(Number.isInteger(limits.maxFiles) && limits.maxFiles >= 0 && limits.maxFiles <= EVIDENCE_FILE_CEILING.maxFiles ? []
      : [{ path: 'maxFiles', message: `A whole number from 0 (no files) to ${EVIDENCE_FILE_CEILING.maxFiles}.` }]),
    ...(Number.isInteger(limits.maxBytes) && limits.maxBytes >= 1024 && limits.maxBytes <= EVIDENCE_FILE_CEILING.maxBytes ? []
      : [{ path: 'maxBytes', message: `From 1 KiB to ${EVIDENCE_FILE_CEILING.maxBytes / 1024 / 1024} MiB.` }]),
  ];
  if (fields.length > 0) throw new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join(' '), fields);
  await ctx.db.transaction().execute(async (trx) => {
    const desk = await findDeskBySlug(trx, slug);
    if (desk === null || !(await storeLimits(trx, desk.id, limits))) throw new AppError('not_found', `There is no desk ${slug}.`);
    await appendAudit(trx, auditChain(ctx), {
      at: ctx.now(), actorKind: by === null ? 'system' : 'staff', actorId: by, action: 'desk.evidence_file_limits_set', caseId: null,
      detail: { deskId: desk.id, ...limits },
    });
  });
}
