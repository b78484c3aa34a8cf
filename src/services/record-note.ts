import { newId } from '../shared/ids.js';
import { insertMessage } from '../db/repositories/messages.js';
import { NOTE_AUDIENCE } from '../db/repositories/case-work.js';
import { recordEvents } from '../db/repositories/case-events.js';
import type { HavenDb } from '../db/connection.js';

/**
 * Writes a private note in the caller's transaction: a message whose audience is staff (no
 * reporter view, email or export reads that audience) and its `note_added` event. Returns its id.
 */
export async function recordNote(trx: HavenDb, input: { caseId: string; staffId: string; body: string; now: Date }): Promise<string> {
  const { caseId, staffId, body, now } = input;
  const messageId = newId(now.getTime());
  await insertMessage(trx, { id: messageId, caseId, audience: NOTE_AUDIENCE, body, authorKind: 'staff', authorId: staffId, createdAt: now });
  await recordEvents(trx, [{ id: newId(now.getTime()), caseId, at: now, actorKind: 'staff', actorId: staffId, type: 'note_added', detail: { messageId } }]);
  return messageId;
}
