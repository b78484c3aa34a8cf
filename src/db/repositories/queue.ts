import { sql, type Expression, type SqlBool } from 'kysely';
import { isCaseStatus, type CaseStatus } from '../../domain/case-lifecycle.js';
import { isCategory, type Category } from '../../domain/categories.js';
import { isWaitingOn, type WaitingOn } from '../../domain/waiting.js';
import { isSeverity, type Severity } from '../../domain/severity.js';
import type { HavenDb } from '../connection.js';
import { storedValue } from './stored-value.js';
import { toDate, toDateOrNull, type Timestamp } from '../schema.js';

export interface QueueFilter {
  /**
   * The desks to list, by id (those where the viewer holds a role). Each desk's queue is one
   * walk of its own index, and the walks are merged: see listQueue.
   */
  deskIds: readonly string[];
  status?: CaseStatus | undefined;
  category?: Category | undefined;
  /** Keyset position: the (urgent_at, id) of the last row already shown. */
  after?: { urgentAt: Date; id: string } | undefined;
  limit: number;
  /** Restricted groups the viewer belongs to; cases restricted to other groups are left out. */
  viewerGroups: string[];
  /**
   * The viewer, whose recusals are left out like restricted cases. Absent only where nobody in
   * particular is asking (repository tests, tools); every staff request passes it.
   */
  viewerId?: string | undefined;
  /** A further condition on `cases`, such as a full-text match (see case-search.ts). */
  matching?: Expression<SqlBool> | undefined;
  /**
   * `matching` names a few cases (a short list of ids): look those up and sort them, rather
   * than walk a queue index through cases that mostly fail it. The status, open and category
   * filters are then written so that no index can serve them (`col || ''`, `col + 0`).
   */
  matchingIsSelective?: boolean;
  /**
   * Only cases naming a reported account that another case names, among these desks (the
   * viewer's) and the viewer's restricted groups: a pattern the viewer may follow.
   */
  linkedWithinDesks?: readonly string[] | undefined;
}

/** One desk's part of a queue filter. */
export type DeskQueueFilter = Omit<QueueFilter, 'deskIds'>;

export interface QueueRow {
  id: string;
  reference: string;
  deskId: string;
  status: CaseStatus;
  category: Category;
  severity: Severity;
  assigneeId: string | null;
  assigneeUsername: string | null;
  restrictedToGroup: string | null;
  /** Recusals left nobody to work it, so it went to the escalation group (migration 0030). */
  recusalEscalated: boolean;
  receivedAt: Date;
  firstResponseDueAt: Date;
  firstRespondedAt: Date | null;
  urgentAt: Date;
  /** The update promised to the reporter, while one is outstanding. */
  nextUpdateDueAt: Date | null;
  /** Who the case waits on and since when, while it waits (migration 0014). */
  waiting: { on: WaitingOn; since: Date; remindAt: Date } | null;
}

/**
 * Open cases (or those of one status) of the given desks, most urgent first, one page at a time.
 * Every queue index leads with the desk (migration 0012), so each desk is one ordered walk
 * that stops after a page: a handler of one desk among ten walks only their desk. Someone on
 * several desks gets one statement that walks a page of each and merges them (see
 * listDeskQueues). A plain `desk_id IN (…)` could not use the index for the order and would
 * sort every open case of those desks.
 */
export async function listQueue(db: HavenDb, filter: QueueFilter): Promise<QueueRow[]> {
  const { deskIds, ...rest } = filter;
  return listDeskQueues(db, deskIds.map((deskId) => ({ deskId, filter: rest })), filter.limit);
}

/**
 * The first `limit` rows, in queue order, of several desks' queues, each with its own filter
 * (search matches differ per desk). One statement and one round trip whatever the number of
 * desks: `SELECT * FROM (desk 1's page) UNION ALL SELECT * FROM (desk 2's page) … ORDER BY … LIMIT`,
 * where each inner page is an ordered walk of its desk's index that stops after `limit` rows.
 */
export async function listDeskQueues(
  db: HavenDb,
  parts: readonly { deskId: string; filter: DeskQueueFilter }[],
  limit: number,
): Promise<QueueRow[]> {
  const [first, ...others] = parts.map(({ deskId, filter }) => deskQueueQuery(db, deskId, filter));
  if (first === undefined) return [];
  if (others.length === 0) return (await first.execute()).map(toQueueRow);
  // Each page is wrapped in a sub-select: SQLite allows ORDER BY and LIMIT only on a compound
  // select as a whole, not on its parts.
  const page = (query: DeskQuery, n: number) => db.selectFrom(query.as(`desk_page_${n}`)).selectAll();
  let merged = page(first, 0);
  others.forEach((query, i) => { merged = merged.unionAll(page(query, i + 1)); });
  // The database's own order: urgent_at, then id (UUIDv7 text, the same in every collation).
  const rows = await db.selectFrom(merged.as('pages')).selectAll().orderBy('urgent_at').orderBy('id').limit(limit).execute();
  return rows.map(toQueueRow);
}

/** One desk's queue: open cases (or those of one status), most urgent first, one page. */
export async function listDeskQueue(db: HavenDb, deskId: string, filter: DeskQueueFilter): Promise<QueueRow[]> {
  return (await deskQueueQuery(db, deskId, filter).execute()).map(toQueueRow);
}

type DeskQuery = ReturnType<typeof deskQueueQuery>;

function deskQueueQuery(db: HavenDb, deskId: string, filter: DeskQueueFilter) {
  let query = db
    .selectFrom('cases')
    .leftJoin('staff_users', 'staff_users.id', 'cases.assignee_id')
    .select([
      'cases.id', 'cases.reference', 'cases.desk_id', 'cases.status', 'cases.category', 'cases.severity', 'cases.assignee_id',
      'staff_users.username as assignee_username', 'cases.restricted_to_group', 'cases.received_at',
      'cases.first_response_due_at', 'cases.first_responded_at', 'cases.urgent_at', 'cases.next_update_due_at',
      'cases.waiting_on', 'cases.waiting_since', 'cases.wait_remind_at', 'cases.recusal_escalated_at',
    ]);
  const plain = filter.matchingIsSelective !== true;
  query = plain ? query.where('cases.desk_id', '=', deskId) : query.where(sql<string>`cases.desk_id || ''`, '=', deskId);
  if (filter.status === undefined) {
    query = plain ? query.where('cases.is_open', '=', 1) : query.where(sql<number>`cases.is_open + 0`, '=', 1);
  } else {
    query = plain ? query.where('cases.status', '=', filter.status) : query.where(sql<string>`cases.status || ''`, '=', filter.status);
  }
  if (filter.category !== undefined) {
    query = plain ? query.where('cases.category', '=', filter.category) : query.where(sql<string>`cases.category || ''`, '=', filter.category);
  }
  // Restricted and recused cases are filtered in the query, so they never reach the page or its count.
  query = query.where(visibleCase('cases', filter));
  if (filter.matching !== undefined) query = query.where(filter.matching);
  const linkedDesks = filter.linkedWithinDesks;
  if (linkedDesks !== undefined) {
    query = query.where((eb) => eb.exists(eb
      .selectFrom('case_parties as mine')
      .innerJoin('case_parties as theirs', 'theirs.account_key', 'mine.account_key')
      .innerJoin('cases as other', 'other.id', 'theirs.case_id')
      .select('mine.id')
      .whereRef('mine.case_id', '=', 'cases.id')
      .where('mine.role', '=', 'reported')
      .where('theirs.role', '=', 'reported')
      .whereRef('theirs.case_id', '!=', 'cases.id')
      .where('other.desk_id', 'in', linkedDesks.length === 0 ? [''] : [...linkedDesks])
      .where(visibleCase('other', filter))));
  }
  const after = filter.after;
  if (after !== undefined) {
    const at = after.urgentAt.toISOString();
    query = query.where((eb) =>
      eb.or([eb('cases.urgent_at', '>', at), eb.and([eb('cases.urgent_at', '=', at), eb('cases.id', '>', after.id)])]),
    );
  }
  return query.orderBy('cases.urgent_at').orderBy('cases.id').limit(filter.limit);
}

/**
 * The condition that a case (`cases` or an alias of it) is one the viewer may know of: not
 * restricted to a group they are outside, and not one they are recused from. Shared by every
 * list, so a restricted or recused case is absent from all of them alike.
 */
export function visibleCase(
  table: 'cases' | 'other', viewer: { viewerGroups: readonly string[]; viewerId?: string | undefined },
): Expression<SqlBool> {
  const restricted = sql.ref(`${table}.restricted_to_group`);
  const groupRule = viewer.viewerGroups.length === 0
    ? sql<SqlBool>`${restricted} IS NULL`
    : sql<SqlBool>`(${restricted} IS NULL OR ${restricted} IN (${sql.join([...viewer.viewerGroups])}))`;
  if (viewer.viewerId === undefined) return groupRule;
  // Served by the primary key (case_id, user_id): one probe per case on the page.
  return sql<SqlBool>`(${groupRule} AND NOT EXISTS (SELECT 1 FROM case_recusals
    WHERE case_recusals.case_id = ${sql.ref(`${table}.id`)} AND case_recusals.user_id = ${viewer.viewerId}))`;
}

/** A queue row as read; shared with the broken-promises list. */
export function toQueueRow(row: {
  id: string; reference: string; desk_id: string; status: string; category: string; severity: string; assignee_id: string | null;
  assignee_username: string | null; restricted_to_group: string | null; received_at: Timestamp; first_response_due_at: Timestamp;
  first_responded_at: Timestamp | null; urgent_at: Timestamp; next_update_due_at: Timestamp | null;
  waiting_on: string | null; waiting_since: Timestamp | null; wait_remind_at: Timestamp | null; recusal_escalated_at: Timestamp | null;
}): QueueRow {
  return {
    id: row.id,
    reference: row.reference,
    deskId: row.desk_id,
    status: storedValue(row.status, isCaseStatus, 'cases.status'),
    category: storedValue(row.category, isCategory, 'cases.category'),
    severity: storedValue(row.severity, isSeverity, 'cases.severity'),
    assigneeId: row.assignee_id,
    assigneeUsername: row.assignee_username,
    restrictedToGroup: row.restricted_to_group,
    recusalEscalated: row.recusal_escalated_at !== null,
    receivedAt: toDate(row.received_at),
    firstResponseDueAt: toDate(row.first_response_due_at),
    firstRespondedAt: toDateOrNull(row.first_responded_at),
    urgentAt: toDate(row.urgent_at),
    nextUpdateDueAt: toDateOrNull(row.next_update_due_at),
    waiting: row.waiting_on === null || row.waiting_since === null || row.wait_remind_at === null ? null : {
      on: storedValue(row.waiting_on, isWaitingOn, 'cases.waiting_on'), since: toDate(row.waiting_since), remindAt: toDate(row.wait_remind_at),
    },
  };
}

/** The usernames of reported accounts for a set of cases, keyed by case id. */
export async function reportedAccountsByCase(db: HavenDb, caseIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (caseIds.length === 0) return result;
  const rows = await db
    .selectFrom('case_parties')
    .select(['case_id', 'username'])
    .where('case_id', 'in', caseIds)
    .where('role', '=', 'reported')
    // Accounts named in one report share a moment; the id (time-ordered) keeps the order they were named in.
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    if (row.username === null) continue;
    const list = result.get(row.case_id) ?? [];
    list.push(row.username);
    result.set(row.case_id, list);
  }
  return result;
}
