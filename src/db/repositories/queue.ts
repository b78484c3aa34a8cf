import { sql, type Expression, type SqlBool } from 'kysely';
import { isCaseStatus, type CaseStatus } from '../../domain/case-lifecycle.js';
import { isCategory, type Category } from '../../domain/categories.js';
import { isSeverity, type Severity } from '../../domain/severity.js';
import type { HavenDb } from '../connection.js';
import { storedValue } from './stored-value.js';
import { toDate, toDateOrNull } from '../schema.js';

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
  receivedAt: Date;
  firstResponseDueAt: Date;
  firstRespondedAt: Date | null;
  urgentAt: Date;
}

/**
 * Open cases (or those of one status) of the given desks, most urgent first, one page at a time.
 * Every queue index leads with the desk (migration 0012), so each desk is one ordered walk
 * that stops after a page, and the pages are merged here: a handler of one desk among ten
 * walks only their desk, and someone on several walks a page of each. A single query with
 * `desk_id IN (…)` could not use the index for the order and would sort every open case of
 * those desks.
 */
export async function listQueue(db: HavenDb, filter: QueueFilter): Promise<QueueRow[]> {
  const { deskIds, ...rest } = filter;
  const pages = await Promise.all(deskIds.map((deskId) => listDeskQueue(db, deskId, rest)));
  return mergeQueuePages(pages, filter.limit);
}

/** The first `limit` rows of several pages, each already in queue order, in queue order. */
export function mergeQueuePages(pages: QueueRow[][], limit: number): QueueRow[] {
  if (pages.length === 1) return pages[0] ?? [];
  // The database's own order: urgent_at, then id (UUIDv7 text, the same in every collation).
  const before = (a: QueueRow, b: QueueRow) => a.urgentAt.getTime() - b.urgentAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return pages.flat().sort(before).slice(0, limit);
}

/** One desk's queue: open cases (or those of one status), most urgent first, one page. */
export async function listDeskQueue(db: HavenDb, deskId: string, filter: DeskQueueFilter): Promise<QueueRow[]> {
  let query = db
    .selectFrom('cases')
    .leftJoin('staff_users', 'staff_users.id', 'cases.assignee_id')
    .select([
      'cases.id', 'cases.reference', 'cases.desk_id', 'cases.status', 'cases.category', 'cases.severity', 'cases.assignee_id',
      'staff_users.username as assignee_username', 'cases.restricted_to_group', 'cases.received_at',
      'cases.first_response_due_at', 'cases.first_responded_at', 'cases.urgent_at',
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
  // Restricted cases are filtered in the query, so they never reach the page or its count.
  query = query.where((eb) =>
    filter.viewerGroups.length === 0
      ? eb('cases.restricted_to_group', 'is', null)
      : eb.or([eb('cases.restricted_to_group', 'is', null), eb('cases.restricted_to_group', 'in', filter.viewerGroups)]),
  );
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
      .where((inner) => (filter.viewerGroups.length === 0
        ? inner('other.restricted_to_group', 'is', null)
        : inner.or([inner('other.restricted_to_group', 'is', null), inner('other.restricted_to_group', 'in', filter.viewerGroups)])))));
  }
  const after = filter.after;
  if (after !== undefined) {
    const at = after.urgentAt.toISOString();
    query = query.where((eb) =>
      eb.or([eb('cases.urgent_at', '>', at), eb.and([eb('cases.urgent_at', '=', at), eb('cases.id', '>', after.id)])]),
    );
  }
  const rows = await query.orderBy('cases.urgent_at').orderBy('cases.id').limit(filter.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    deskId: row.desk_id,
    status: storedValue(row.status, isCaseStatus, 'cases.status'),
    category: storedValue(row.category, isCategory, 'cases.category'),
    severity: storedValue(row.severity, isSeverity, 'cases.severity'),
    assigneeId: row.assignee_id,
    assigneeUsername: row.assignee_username,
    restrictedToGroup: row.restricted_to_group,
    receivedAt: toDate(row.received_at),
    firstResponseDueAt: toDate(row.first_response_due_at),
    firstRespondedAt: toDateOrNull(row.first_responded_at),
    urgentAt: toDate(row.urgent_at),
  }));
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
    .orderBy('created_at')
    .execute();
  for (const row of rows) {
    if (row.username === null) continue;
    const list = result.get(row.case_id) ?? [];
    list.push(row.username);
    result.set(row.case_id, list);
  }
  return result;
}
