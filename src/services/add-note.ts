import { auditChain } from './audit-chain.js';
import type { Actor } from '../domain/access-policy.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { loadCaseFor } from './case-access.js';
import { recordNote } from './record-note.js';
import type { ServiceContext } from './context.js';

/**
 * A handler keeps a private note on a case: for the staff who may work it, never shown to a
 * party. Notes are never edited; a correction is a new note. Audited like every change.
 */
export async function addNote(ctx: ServiceContext, actor: Actor, reference: string, body: string): Promise<string> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot add notes to cases.');
    const noteId = await recordNote(trx, { caseId: kase.id, staffId: actor.id, body, now });
    await appendAudit(trx, auditChain(ctx), { at: now, actorKind: 'staff', actorId: actor.id, action: 'case.note_added', caseId: kase.id, detail: { noteId } });
    return noteId;
  });
}
