import { isCaseStatus, isOutcome, type CaseStatus, type Outcome } from '../../domain/case-lifecycle.js';
import { isCategory, isReporterRole, type Category, type ReporterRole } from '../../domain/categories.js';
import { isSeverity, type Severity } from '../../domain/severity.js';
import { isWaitingOn, type WaitingOn } from '../../domain/waiting.js';
import type { HavenDb } from '../connection.js';
import type { PendingInsert } from './insert-together.js';
import { storedValue, storedValueOrNull } from './stored-value.js';
import { toDate, toDateOrNull, type CaseTable } from '../schema.js';

export type NewCaseRow = Omit<CaseTable, 'received_at' | 'first_response_due_at' | 'first_responded_at' |
  'next_update_due_at' | 'urgent_at' | 'closed_at' | 'updated_at' | 'search_accounts' | 'requires_review' | 'required_sign_offs' |
  'waiting_on' | 'waiting_since' | 'wait_remind_at' | 'paused_clock_due_at' | 'withdrawal_requested_at' | 'merged_into'> & {
  received_at: Date;
  first_response_due_at: Date;
  urgent_at: Date;
  /**
   * The reported usernames in the order their parties will be inserted. Optional: triggers
   * keep the column right regardless, but a correct value here saves them a second write.
   */
  search_accounts?: string;
};

/** Inserts a new case row. */
export async function insertCase(db: HavenDb, row: NewCaseRow): Promise<void> {
  await insertCasesQuery(db, [row])?.execute();
}

/** The INSERT of new case rows, not yet run (see insert-together.ts); null when there are none. */
export function insertCasesQuery(db: HavenDb, rows: NewCaseRow[]): PendingInsert | null {
  if (rows.length === 0) return null;
  return db
    .insertInto('cases')
    .values(rows.map((row) => ({
      ...row,
      received_at: row.received_at.toISOString(),
      first_response_due_at: row.first_response_due_at.toISOString(),
      urgent_at: row.urgent_at.toISOString(),
      first_responded_at: null,
      next_update_due_at: null,
      closed_at: null,
      updated_at: row.received_at.toISOString(),
      search_accounts: row.search_accounts ?? '',
    })));
}

export interface CaseRecord {
  id: string;
  reference: string;
  /** The desk the case belongs to; access is decided by the actor's role there. */
  deskId: string;
  desk: { slug: string; name: string };
  status: CaseStatus;
  category: Category;
  severity: Severity;
  venue: string | null;
  reporterRole: ReporterRole;
  immediateDanger: boolean;
  language: string;
  reportText: string;
  source: string;
  assigneeId: string | null;
  assigneeUsername: string | null;
  restrictedToGroup: string | null;
  /** Whether the case must pass a review before it closes, and how many sign-offs that takes. */
  requiresReview: boolean;
  requiredSignOffs: number;
  receivedAt: Date;
  firstResponseDueAt: Date;
  firstRespondedAt: Date | null;
  nextUpdateDueAt: Date | null;
  /** The most urgent open deadline, as the queue orders by it. */
  urgentAt: Date;
  outcome: Outcome | null;
  closedAt: Date | null;
  /** While the case waits: on whom, since when, when the silence reminder is due, and the deadline it stopped. */
  waiting: { on: WaitingOn; since: Date; remindAt: Date; pausedClockDueAt: Date } | null;
  /** When the reporter asked to withdraw, if they did. */
  withdrawalRequestedAt: Date | null;
  /** The case this one was merged into, if it was (a closed duplicate). */
  mergedIntoId: string | null;
}

/** Finds one case by its public reference or its id, with its desk and its assignee's username. */
export async function findCase(db: HavenDb, by: { reference: string } | { id: string }): Promise<CaseRecord | null> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('desks', 'desks.id', 'cases.desk_id')
    .leftJoin('staff_users', 'staff_users.id', 'cases.assignee_id')
    .select([
      'cases.id', 'cases.reference', 'cases.desk_id', 'desks.slug as desk_slug', 'desks.name as desk_name', 'cases.status', 'cases.category', 'cases.severity', 'cases.venue',
      'cases.reporter_role', 'cases.immediate_danger', 'cases.language', 'cases.report_text', 'cases.source',
      'cases.assignee_id', 'staff_users.username as assignee_username', 'cases.restricted_to_group',
      'cases.requires_review', 'cases.required_sign_offs',
      'cases.received_at', 'cases.first_response_due_at', 'cases.first_responded_at', 'cases.next_update_due_at',
      'cases.urgent_at', 'cases.outcome', 'cases.closed_at',
      'cases.waiting_on', 'cases.waiting_since', 'cases.wait_remind_at', 'cases.paused_clock_due_at', 'cases.withdrawal_requested_at',
      'cases.merged_into',
    ])
    .where((eb) => ('id' in by ? eb('cases.id', '=', by.id) : eb('cases.reference', '=', by.reference)))
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.id,
    reference: row.reference,
    deskId: row.desk_id,
    desk: { slug: row.desk_slug, name: row.desk_name },
    status: storedValue(row.status, isCaseStatus, 'cases.status'),
    category: storedValue(row.category, isCategory, 'cases.category'),
    severity: storedValue(row.severity, isSeverity, 'cases.severity'),
    venue: row.venue,
    reporterRole: storedValue(row.reporter_role, isReporterRole, 'cases.reporter_role'),
    immediateDanger: row.immediate_danger === 1,
    language: row.language,
    reportText: row.report_text,
    source: row.source,
    assigneeId: row.assignee_id,
    assigneeUsername: row.assignee_username,
    restrictedToGroup: row.restricted_to_group,
    requiresReview: row.requires_review === 1,
    requiredSignOffs: row.required_sign_offs,
    receivedAt: toDate(row.received_at),
    firstResponseDueAt: toDate(row.first_response_due_at),
    firstRespondedAt: toDateOrNull(row.first_responded_at),
    nextUpdateDueAt: toDateOrNull(row.next_update_due_at),
    urgentAt: toDate(row.urgent_at),
    outcome: storedValueOrNull(row.outcome, isOutcome, 'cases.outcome'),
    closedAt: toDateOrNull(row.closed_at),
    waiting: row.waiting_on === null || row.waiting_since === null || row.wait_remind_at === null || row.paused_clock_due_at === null ? null : {
      on: storedValue(row.waiting_on, isWaitingOn, 'cases.waiting_on'), since: toDate(row.waiting_since),
      remindAt: toDate(row.wait_remind_at), pausedClockDueAt: toDate(row.paused_clock_due_at),
    },
    withdrawalRequestedAt: toDateOrNull(row.withdrawal_requested_at),
    mergedIntoId: row.merged_into,
  };
}

/**
 * Makes `assigneeId` the holder of a case. Unless `takeOver` is set, it succeeds only while
 * the case is free or already theirs: the check and the write are one statement, so two
 * handlers claiming at once (through one process or two) cannot both win. False when
 * someone else holds it.
 */
export async function claimCase(
  db: HavenDb,
  input: { caseId: string; assigneeId: string; takeOver: boolean; now: Date },
): Promise<boolean> {
  let update = db
    .updateTable('cases')
    .set({ assignee_id: input.assigneeId, updated_at: input.now.toISOString() })
    .where('id', '=', input.caseId);
  if (!input.takeOver) update = update.where((eb) => eb.or([eb('assignee_id', 'is', null), eb('assignee_id', '=', input.assigneeId)]));
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The clocks a reply leaves on a case. */
export interface ReplyClockUpdate {
  firstRespondedAt: Date | null;
  nextUpdateDueAt: Date | null;
  urgentAt: Date;
  now: Date;
}

/** Writes the clocks a reply sets; the queue's order follows `urgent_at`. */
export async function setReplyClocks(db: HavenDb, caseId: string, u: ReplyClockUpdate): Promise<void> {
  await db
    .updateTable('cases')
    .set({
      first_responded_at: u.firstRespondedAt?.toISOString() ?? null,
      next_update_due_at: u.nextUpdateDueAt?.toISOString() ?? null,
      urgent_at: u.urgentAt.toISOString(),
      updated_at: u.now.toISOString(),
    })
    .where('id', '=', caseId)
    .execute();
}

/**
 * Writes a case's new status. Closing records the outcome and the moment; any other status
 * is open again, so a reopened case loses both and returns to the open queue (`is_open`).
 */
export async function setCaseStatus(
  db: HavenDb, caseId: string, input: { status: CaseStatus; outcome: Outcome | null; now: Date },
): Promise<void> {
  const closed = input.status === 'closed';
  await db
    .updateTable('cases')
    .set({
      status: input.status, is_open: closed ? 0 : 1, outcome: closed ? input.outcome : null,
      closed_at: closed ? input.now.toISOString() : null, updated_at: input.now.toISOString(),
      // Only a waiting case waits on someone: any other status ends the wait (closing one included).
      ...(input.status === 'waiting' ? {} : { waiting_on: null, waiting_since: null, wait_remind_at: null, paused_clock_due_at: null }),
    })
    .where('id', '=', caseId)
    .execute();
}

/** Counts all cases; used by tests and the start-up banner. */
export async function countCases(db: HavenDb): Promise<number> {
  const row = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** Moves a case's deadline (the queue orders by it), as a reporter's new message may. */
export async function setUrgentAt(db: HavenDb, caseId: string, input: { urgentAt: Date; now: Date }): Promise<void> {
  await db
    .updateTable('cases')
    .set({ urgent_at: input.urgentAt.toISOString(), updated_at: input.now.toISOString() })
    .where('id', '=', caseId)
    .execute();
}

/** Writes a handler's triage: category, severity and the clocks that follow from them. */
export async function setTriage(
  db: HavenDb, caseId: string, input: { category: Category; severity: Severity; firstResponseDueAt: Date; urgentAt: Date; now: Date },
): Promise<void> {
  await db
    .updateTable('cases')
    .set({
      category: input.category, severity: input.severity, first_response_due_at: input.firstResponseDueAt.toISOString(),
      urgent_at: input.urgentAt.toISOString(), updated_at: input.now.toISOString(),
    })
    .where('id', '=', caseId)
    .execute();
}
