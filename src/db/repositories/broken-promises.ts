import type { HavenDb } from '../connection.js';
import { mergePagesBy } from './merge-pages.js';
import { toQueueRow, visibleCase, type QueueRow } from './queue.js';

/** Which broken promises to list, one page at a time. */
export interface BrokenPromiseFilter {
  deskIds: readonly string[];
  /** Promises due before this moment are broken (now). */
  dueBefore: Date;
  /** Keyset position: the (next_update_due_at, id) of the last row already shown. */
  after?: { dueAt: Date; id: string } | undefined;
  limit: number;
  viewerGroups: string[];
  /** The viewer, whose recusals are left out (see QueueFilter). */
  viewerId?: string | undefined;
}

/**
 * Open cases whose promised update passed without a reply, the longest overdue first. A reply
 * replaces or clears `next_update_due_at`, so a date in the past is a promise not kept. Each
 * desk is one walk of the partial index `cases_broken_promises` (migration 0021), which holds
 * only open cases with a promise; the desks' pages are merged, as the queue's are.
 */
export async function listBrokenPromises(db: HavenDb, filter: BrokenPromiseFilter): Promise<QueueRow[]> {
  const pages = await Promise.all(filter.deskIds.map((deskId) => listDeskBrokenPromises(db, deskId, filter)));
  return mergePagesBy(pages, filter.limit, (r) => r.nextUpdateDueAt?.getTime() ?? 0);
}

async function listDeskBrokenPromises(db: HavenDb, deskId: string, filter: BrokenPromiseFilter): Promise<QueueRow[]> {
  let query = db
    .selectFrom('cases')
    .leftJoin('staff_users', 'staff_users.id', 'cases.assignee_id')
    .select([
      'cases.id', 'cases.reference', 'cases.desk_id', 'cases.status', 'cases.category', 'cases.severity', 'cases.assignee_id',
      'staff_users.username as assignee_username', 'cases.restricted_to_group', 'cases.received_at',
      'cases.first_response_due_at', 'cases.first_responded_at', 'cases.urgent_at', 'cases.next_update_due_at',
      'cases.waiting_on', 'cases.waiting_since', 'cases.wait_remind_at', 'cases.recusal_escalated_at',
    ])
    .where('cases.desk_id', '=', deskId)
    // Written as the partial index's own condition, so the planner can use it.
    .where('cases.is_open', '=', 1)
    .where('cases.next_update_due_at', 'is not', null)
    .where('cases.next_update_due_at', '<', filter.dueBefore.toISOString())
    .where(visibleCase('cases', filter));
  const after = filter.after;
  if (after !== undefined) {
    const at = after.dueAt.toISOString();
    query = query.where((eb) => eb.or([
      eb('cases.next_update_due_at', '>', at), eb.and([eb('cases.next_update_due_at', '=', at), eb('cases.id', '>', after.id)]),
    ]));
  }
  const rows = await query.orderBy('cases.next_update_due_at').orderBy('cases.id').limit(filter.limit).execute();
  return rows.map(toQueueRow);
}
