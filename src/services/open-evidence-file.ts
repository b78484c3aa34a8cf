import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import type { EvidenceFileType } from '../domain/evidence-files.js';
import { findEvidenceFile } from '../db/repositories/evidence-files.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { fileContexts, sha256Hex } from './evidence-file-sealing.js';
import type { ServiceContext } from './context.js';

/** An evidence file opened for a staff member. */
export interface OpenedEvidenceFile { id: string; mediaType: EvidenceFileType; bytes: Buffer; sha256: string }

/**
 * Opens a case's evidence file for a staff member who may view the case: a deliberate act (an
 * image stays blurred until they choose to look; a PDF is downloaded), written to the audit log
 * in the same transaction that reads it. The bytes are checked against the SHA-256 kept at
 * intake, so what is shown is provably what was stored.
 */
export async function openEvidenceFile(ctx: ServiceContext, actor: Actor, reference: string, fileId: string): Promise<OpenedEvidenceFile> {
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.view', { reference });
    const file = await findEvidenceFile(trx, kase.id, fileId);
    if (file === null) throw new AppError('not_found', 'This case has no such file.');
    const bytes = ctx.cipher.openBytes(file.contentEnc, fileContexts(kase.id, file.id).content);
    if (sha256Hex(bytes) !== file.sha256) throw new Error(`Evidence file ${file.id} does not match its SHA-256.`);
    await appendAudit(trx, auditChain(ctx), {
      at: ctx.now(), actorKind: 'staff', actorId: actor.id, action: 'case.evidence_file_opened', caseId: kase.id,
      detail: { fileId: file.id, mediaType: file.mediaType },
    });
    return { id: file.id, mediaType: file.mediaType, bytes, sha256: file.sha256 };
  });
}
