import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import {
  dropRepeatedReportedParties, keepSoonerPromise, listSealedEvidenceFiles, markMerged, moveCaseContents, moveEvidenceFile,
} from '../db/repositories/case-merges.js';
import { findOpenReferral } from '../db/repositories/referrals.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit, appendAuditEntries, type AuditEntry } from '../db/repositories/audit-log.js';
import { listRecusals } from '../db/repositories/recusals.js';
import { RECUSAL_SOURCES } from '../domain/groups.js';
import { recuseStaff } from './recuse-staff.js';
import { AppError } from './errors.js';
import { loadCaseFor } from './case-access.js';
import { recordNote } from './record-note.js';
import type { ServiceContext } from './context.js';
import { fileContexts } from './evidence-file-sealing.js';

const intoRefused = (message: string) => new AppError('validation_failed', message, [{ path: 'into', message }]);

/**
 * A handler merges a duplicate case into another open case of the same desk. Nothing is lost:
 * the duplicate's parties (with their access codes, so a reporter's code opens their own thread
 * in the surviving case), evidence, messages and timeline move; its report text is kept as a
 * note; a promised update still stands. The duplicate stays, closed as `duplicate` and pointing
 * at the survivor, so its reference leads staff there. Both timelines and audit trails say so.
 * Returns the surviving case's reference.
 */
export async function mergeCase(ctx: ServiceContext, actor: Actor, reference: string, input: { into: string; reason: string }): Promise<string> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const duplicate = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot change cases.');
    // The survivor is named by the handler: one they cannot see is refused like one that does not exist.
    const survivor = await loadCaseFor(trx, actor, 'case.update', { reference: input.into }).catch(() => null);
    if (survivor === null) throw intoRefused('Name another open case of this desk that you can work on.');
    if (survivor.id === duplicate.id) throw intoRefused('A case cannot be merged into itself.');
    if (survivor.deskId !== duplicate.deskId) throw intoRefused('Cases are merged only within one desk.');
    if (survivor.status === 'closed') throw intoRefused('The case to merge into is closed; reopen it first.');
    if (duplicate.status === 'closed') throw new AppError('conflict', 'This case is closed; reopen it before merging it.');
    if ((await findOpenReferral(trx, duplicate.id)) !== null) throw new AppError('conflict', 'This case waits on a referral; take it back first.');
    // What only a group may see never moves where others can see it: a restricted duplicate
    // merges only into a case restricted to the same group.
    if (duplicate.restrictedToGroup !== null && survivor.restrictedToGroup !== duplicate.restrictedToGroup) {
      throw intoRefused('This case is restricted to a group; restrict the case to merge into to the same group first.');
    }

    const repeated = await dropRepeatedReportedParties(trx, duplicate.id, survivor.id);
    const moved = await moveCaseContents(trx, duplicate.id, survivor.id);
    // Whoever was kept from the duplicate (recused themselves, linked to a party, named by its
    // reporter) is kept from the survivor too, since the duplicate's parties and threads are now there.
    const carried: AuditEntry[] = [];
    for (const source of RECUSAL_SOURCES) {
      const userIds = (await listRecusals(trx, duplicate.id)).filter((r) => r.source === source).map((r) => r.userId);
      carried.push(...await recuseStaff(trx, { caseId: survivor.id, userIds, source, cause: { kind: 'system', id: null }, now }));
    }
    // Files are sealed bound to their case: each is opened and sealed again for the survivor.
    const files = await listSealedEvidenceFiles(trx, duplicate.id);
    for (const file of files) {
      const from = fileContexts(duplicate.id, file.id);
      const into = fileContexts(survivor.id, file.id);
      await moveEvidenceFile(trx, {
        id: file.id, intoId: survivor.id,
        nameEnc: ctx.cipher.seal(ctx.cipher.open(file.nameEnc, from.name), into.name),
        contentEnc: ctx.cipher.sealBytes(ctx.cipher.openBytes(file.contentEnc, from.content), into.content),
      });
    }
    if (duplicate.reportText.trim() !== '') {
      await recordNote(trx, { caseId: survivor.id, staffId: actor.id, body: `${duplicate.reference}:\n\n${duplicate.reportText}`, now });
    }
    if (duplicate.nextUpdateDueAt !== null) await keepSoonerPromise(trx, { intoId: survivor.id, promisedBy: duplicate.nextUpdateDueAt, now });
    await markMerged(trx, { id: duplicate.id, intoId: survivor.id, now });
    await recordEvents(trx, [
      {
        id: newId(now.getTime()), caseId: duplicate.id, at: now, actorKind: 'staff', actorId: actor.id,
        type: 'status_changed', detail: { from: duplicate.status, to: 'closed', outcome: 'duplicate' },
      },
      { id: newId(now.getTime()), caseId: duplicate.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'case_merged_into', detail: { reference: survivor.reference, reason: input.reason } },
      { id: newId(now.getTime()), caseId: survivor.id, at: now, actorKind: 'staff', actorId: actor.id, type: 'case_merged_in', detail: { reference: duplicate.reference, reason: input.reason } },
    ]);
    const detail = { from: duplicate.id, into: survivor.id, ...moved, files: files.length, repeatedReported: repeated };
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: actor.id, action: 'case.merged', caseId: duplicate.id, detail });
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: actor.id, action: 'case.merged', caseId: survivor.id, detail });
    await appendAuditEntries(trx, auditChain(ctx), carried);
    return survivor.reference;
  });
}
