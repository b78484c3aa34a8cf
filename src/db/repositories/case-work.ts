// The writes of working a case (issue 10): waiting, withdrawal, a party's wish not to be written
// to, stale claims, and private notes (messages whose audience is `staff`).
import type { WaitingOn } from '../../domain/waiting.js';
import type { HavenDb } from '../connection.js';
import { toDate, toDateOrNull } from '../schema.js';

/** The audience of a private note: staff who may work the case, never a party. */
export const NOTE_AUDIENCE = 'staff';

/** Starts a wait: the clocks stop, and `urgent_at` (the queue's order) becomes the silence reminder's time. */
export async function setWaiting(
  db: HavenDb, caseId: string, w: { on: WaitingOn; since: Date; remindAt: Date; pausedClockDueAt: Date },
): Promise<void> {
  await db.updateTable('cases').set({
    waiting_on: w.on, waiting_since: w.since.toISOString(), wait_remind_at: w.remindAt.toISOString(),
    paused_clock_due_at: w.pausedClockDueAt.toISOString(), urgent_at: w.remindAt.toISOString(), updated_at: w.since.toISOString(),
  }).where('id', '=', caseId).execute();
}

/** Ends a wait with the clocks it resumes. */
export async function clearWaiting(db: HavenDb, caseId: string, c: { urgentAt: Date; nextUpdateDueAt: Date | null; now: Date }): Promise<void> {
  await db.updateTable('cases').set({
    waiting_on: null, waiting_since: null, wait_remind_at: null, paused_clock_due_at: null,
    urgent_at: c.urgentAt.toISOString(), next_update_due_at: c.nextUpdateDueAt?.toISOString() ?? null, updated_at: c.now.toISOString(),
  }).where('id', '=', caseId).execute();
}

/** Records (a date) or clears (null) the reporter's wish to withdraw. */
export async function setWithdrawalRequested(db: HavenDb, caseId: string, at: Date | null, now: Date): Promise<void> {
  await db.updateTable('cases').set({ withdrawal_requested_at: at?.toISOString() ?? null, updated_at: now.toISOString() })
    .where('id', '=', caseId).execute();
}

/** Stops (a date) or resumes (null) what Haven writes to a party. */
export async function setPartyMessagesStopped(db: HavenDb, partyId: string, at: Date | null): Promise<void> {
  await db.updateTable('case_parties').set({ messages_stopped_at: at?.toISOString() ?? null }).where('id', '=', partyId).execute();
}

/** When a party asked not to be written to; null when they did not (or asked again), or there is no such party. */
export async function findPartyMessagesStopped(db: HavenDb, partyId: string): Promise<Date | null> {
  const row = await db.selectFrom('case_parties').select('messages_stopped_at').where('id', '=', partyId).executeTakeFirst();
  return toDateOrNull(row?.messages_stopped_at ?? null);
}

/** A note as the case page shows it. */
export interface NoteRow { id: string; body: string; authorId: string | null; authorUsername: string | null; createdAt: Date }

/** A case's private notes, oldest first. */
export async function listNotes(db: HavenDb, caseId: string): Promise<NoteRow[]> {
  const rows = await db.selectFrom('messages')
    .leftJoin('staff_users', 'staff_users.id', 'messages.author_id')
    .select(['messages.id', 'messages.body', 'messages.author_id', 'staff_users.username', 'messages.created_at'])
    .where('messages.case_id', '=', caseId).where('messages.audience', '=', NOTE_AUDIENCE)
    .orderBy('messages.created_at').orderBy('messages.id').execute();
  return rows.map((r) => ({ id: r.id, body: r.body, authorId: r.author_id, authorUsername: r.username, createdAt: toDate(r.created_at) }));
}

/** Each desk's stale-claim setting. */
export async function listStaleClaimSettings(db: HavenDb): Promise<{ deskId: string; days: number }[]> {
  const rows = await db.selectFrom('desks').select(['id', 'stale_claim_days']).orderBy('id').execute();
  return rows.map((r) => ({ deskId: r.id, days: r.stale_claim_days }));
}

/** Sets how many idle days release a claim on a desk. */
export async function setStaleClaimDays(db: HavenDb, deskId: string, days: number): Promise<void> {
  await db.updateTable('desks').set({ stale_claim_days: days }).where('id', '=', deskId).execute();
}

/**
 * Claimed open cases of a desk with no staff event (a claim, reply, note, move…) since
 * `idleSince`, oldest first: their claims are stale. Walks the partial index of claimed open
 * cases, and each case's events by (case_id, at).
 */
export async function listStaleClaims(
  db: HavenDb, input: { deskId: string; idleSince: Date; limit: number; caseId?: string },
): Promise<{ caseId: string; assigneeId: string }[]> {
  const since = input.idleSince.toISOString();
  let query = db.selectFrom('cases')
    .select(['cases.id', 'cases.assignee_id'])
    .where('cases.desk_id', '=', input.deskId).where('cases.is_open', '=', 1).where('cases.assignee_id', 'is not', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_events').select('case_events.id')
      .whereRef('case_events.case_id', '=', 'cases.id').where('case_events.actor_kind', '=', 'staff').where('case_events.at', '>', since))))
    .orderBy('cases.id').limit(input.limit);
  if (input.caseId !== undefined) query = query.where('cases.id', '=', input.caseId);
  const rows = await query.execute();
  return rows.flatMap((r) => (r.assignee_id === null ? [] : [{ caseId: r.id, assigneeId: r.assignee_id }]));
}

/** Releases a claim if `holderId` still holds it (one conditional statement); false when it changed hands meanwhile. */
export async function releaseClaim(db: HavenDb, input: { caseId: string; holderId: string; now: Date }): Promise<boolean> {
  const result = await db.updateTable('cases').set({ assignee_id: null, updated_at: input.now.toISOString() })
    .where('id', '=', input.caseId).where('assignee_id', '=', input.holderId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
