import type { HavenDb } from '../connection.js';
import { toDate, toDateOrNull } from '../schema.js';

/** A staff message of a case thread, for the promise record. */
export interface ThreadMessage { id: string; caseId: string; audience: string; createdAt: Date; promisedUpdateBy: Date | null }

/**
 * The staff messages to parties of the given desks' cases written in [since, until): every
 * promise made in that stretch and the messages that answered it. Numbers come out of them,
 * never words, so the body is not read.
 */
export async function listStaffThreadMessages(db: HavenDb, input: { deskIds: readonly string[]; since: Date; until: Date }): Promise<ThreadMessage[]> {
  if (input.deskIds.length === 0) return [];
  const rows = await db.selectFrom('messages')
    .innerJoin('cases', 'cases.id', 'messages.case_id')
    .select(['messages.id', 'messages.case_id', 'messages.audience', 'messages.created_at', 'messages.promised_update_by'])
    .where('cases.desk_id', 'in', input.deskIds)
    .where('messages.author_kind', '=', 'staff')
    .where('messages.audience', 'like', 'party:%')
    .where('messages.created_at', '>=', input.since.toISOString())
    .where('messages.created_at', '<', input.until.toISOString())
    .orderBy('messages.created_at').orderBy('messages.id')
    .execute();
  return rows.map((r) => ({ id: r.id, caseId: r.case_id, audience: r.audience, createdAt: toDate(r.created_at), promisedUpdateBy: toDateOrNull(r.promised_update_by) }));
}

/** When each case of the given desks received in [since, until) came in and was first answered. */
export async function listFirstResponses(db: HavenDb, input: { deskIds: readonly string[]; since: Date; until: Date }): Promise<{ receivedAt: Date; firstRespondedAt: Date | null }[]> {
  if (input.deskIds.length === 0) return [];
  const rows = await db.selectFrom('cases').select(['received_at', 'first_responded_at'])
    .where('desk_id', 'in', input.deskIds)
    .where('received_at', '>=', input.since.toISOString())
    .where('received_at', '<', input.until.toISOString())
    .execute();
  return rows.map((r) => ({ receivedAt: toDate(r.received_at), firstRespondedAt: toDateOrNull(r.first_responded_at) }));
}
