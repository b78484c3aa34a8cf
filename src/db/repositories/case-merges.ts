import type { HavenDb } from '../connection.js';
import { partyHasThread } from './party-changes.js';

/** How many rows of each kind a merge moved. */
export interface MergeMoved { parties: number; evidence: number; messages: number; events: number }

// The tables whose rows belong to a case through a party or as part of its record, and move
// with a merge. Decisions about the duplicate itself (its routing facts and choices, sign-offs,
// review notes, referrals, alerts, closings) stay on it: they were made about that case.
async function move(db: HavenDb, table: 'case_parties' | 'evidence' | 'messages' | 'case_events' | 'reporter_access' | 'party_consents' | 'target_wishes',
  fromId: string, intoId: string): Promise<number> {
  const result = await db.updateTable(table).set({ case_id: intoId }).where('case_id', '=', fromId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Drops, before a merge, the duplicate's reported persons whom the survivor already names (the
 * same account, by its blind index) and who hold nothing of their own: no address, no name
 * they go by, no thread. The survivor then lists each person once. Returns how many.
 */
export async function dropRepeatedReportedParties(db: HavenDb, fromId: string, intoId: string): Promise<number> {
  const named = db.selectFrom('case_parties').select('account_key')
    .where('case_id', '=', intoId).where('role', '=', 'reported').where('account_key', 'is not', null);
  const candidates = await db.selectFrom('case_parties').select('id')
    .where('case_id', '=', fromId).where('role', '=', 'reported').where('account_key', 'in', named)
    .where('contact_email_enc', 'is', null).where('display_name_enc', 'is', null)
    .execute();
  const repeated: string[] = [];
  for (const { id } of candidates) if (!(await partyHasThread(db, fromId, id))) repeated.push(id);
  if (repeated.length > 0) await db.deleteFrom('case_parties').where('case_id', '=', fromId).where('id', 'in', repeated).execute();
  return repeated.length;
}

/**
 * Moves a duplicate's parties (with their access codes, consents and wishes), evidence,
 * messages (each party's thread moves with its party; staff notes too) and timeline into the
 * surviving case, in the caller's transaction.
 */
export async function moveCaseContents(db: HavenDb, fromId: string, intoId: string): Promise<MergeMoved> {
  const parties = await move(db, 'case_parties', fromId, intoId);
  await move(db, 'reporter_access', fromId, intoId);
  await move(db, 'party_consents', fromId, intoId);
  await move(db, 'target_wishes', fromId, intoId);
  const evidence = await move(db, 'evidence', fromId, intoId);
  const messages = await move(db, 'messages', fromId, intoId);
  const events = await move(db, 'case_events', fromId, intoId);
  return { parties, evidence, messages, events };
}

/**
 * Closes the duplicate as merged: closed with the outcome `duplicate`, pointing at the survivor,
 * its wait (if any) over. It bypasses the closing guards on purpose: nothing is being decided
 * about the report, and its reporter's thread goes on in the surviving case.
 */
export async function markMerged(db: HavenDb, input: { id: string; intoId: string; now: Date }): Promise<void> {
  await db.updateTable('cases').set({
    status: 'closed', is_open: 0, outcome: 'duplicate', closed_at: input.now.toISOString(), updated_at: input.now.toISOString(), merged_into: input.intoId,
    waiting_on: null, waiting_since: null, wait_remind_at: null, paused_clock_due_at: null,
  }).where('id', '=', input.id).execute();
}

/** Takes over the duplicate's promised update when it is sooner: a promise made to its reporter still stands. */
export async function keepSoonerPromise(db: HavenDb, input: { intoId: string; promisedBy: Date; now: Date }): Promise<void> {
  const at = input.promisedBy.toISOString();
  await db.updateTable('cases').set({ next_update_due_at: at, updated_at: input.now.toISOString() })
    .where('id', '=', input.intoId)
    .where((eb) => eb.or([eb('next_update_due_at', 'is', null), eb('next_update_due_at', '>', at)]))
    .execute();
  await db.updateTable('cases').set({ urgent_at: at }).where('id', '=', input.intoId).where('urgent_at', '>', at).execute();
}

/** A duplicate's evidence files as sealed, to be sealed again for the surviving case. */
export async function listSealedEvidenceFiles(db: HavenDb, caseId: string): Promise<{ id: string; nameEnc: string; contentEnc: string }[]> {
  const rows = await db.selectFrom('evidence_files').select(['id', 'name_enc', 'content_enc']).where('case_id', '=', caseId).execute();
  return rows.map((r) => ({ id: r.id, nameEnc: r.name_enc, contentEnc: r.content_enc }));
}

/** Moves one evidence file to another case with its name and bytes sealed for that case. */
export async function moveEvidenceFile(db: HavenDb, input: { id: string; intoId: string; nameEnc: string; contentEnc: string }): Promise<void> {
  await db.updateTable('evidence_files').set({ case_id: input.intoId, name_enc: input.nameEnc, content_enc: input.contentEnc })
    .where('id', '=', input.id).execute();
}
