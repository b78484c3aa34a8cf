import type { HavenDb } from '../connection.js';
import type { PendingInsert } from './insert-together.js';
import { toDate, toDateOrNull, type CaseTable } from '../schema.js';

export type NewCaseRow = Omit<CaseTable, 'received_at' | 'first_response_due_at' | 'first_responded_at' |
  'next_update_due_at' | 'urgent_at' | 'closed_at' | 'updated_at' | 'search_accounts'> & {
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
  status: string;
  category: string;
  severity: string;
  venue: string | null;
  reporterRole: string;
  immediateDanger: boolean;
  language: string;
  reportText: string;
  source: string;
  assigneeId: string | null;
  assigneeUsername: string | null;
  restrictedToGroup: string | null;
  receivedAt: Date;
  firstResponseDueAt: Date;
  firstRespondedAt: Date | null;
  nextUpdateDueAt: Date | null;
  /** The most urgent open deadline, as the queue orders by it. */
  urgentAt: Date;
  outcome: string | null;
  closedAt: Date | null;
}

/** Finds one case by its public reference or its id, with its assignee's username. */
export async function findCase(db: HavenDb, by: { reference: string } | { id: string }): Promise<CaseRecord | null> {
  const row = await db
    .selectFrom('cases')
    .leftJoin('staff_users', 'staff_users.id', 'cases.assignee_id')
    .select([
      'cases.id', 'cases.reference', 'cases.status', 'cases.category', 'cases.severity', 'cases.venue',
      'cases.reporter_role', 'cases.immediate_danger', 'cases.language', 'cases.report_text', 'cases.source',
      'cases.assignee_id', 'staff_users.username as assignee_username', 'cases.restricted_to_group',
      'cases.received_at', 'cases.first_response_due_at', 'cases.first_responded_at', 'cases.next_update_due_at',
      'cases.urgent_at', 'cases.outcome', 'cases.closed_at',
    ])
    .where((eb) => ('id' in by ? eb('cases.id', '=', by.id) : eb('cases.reference', '=', by.reference)))
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    category: row.category,
    severity: row.severity,
    venue: row.venue,
    reporterRole: row.reporter_role,
    immediateDanger: row.immediate_danger === 1,
    language: row.language,
    reportText: row.report_text,
    source: row.source,
    assigneeId: row.assignee_id,
    assigneeUsername: row.assignee_username,
    restrictedToGroup: row.restricted_to_group,
    receivedAt: toDate(row.received_at),
    firstResponseDueAt: toDate(row.first_response_due_at),
    firstRespondedAt: toDateOrNull(row.first_responded_at),
    nextUpdateDueAt: toDateOrNull(row.next_update_due_at),
    urgentAt: toDate(row.urgent_at),
    outcome: row.outcome,
    closedAt: toDateOrNull(row.closed_at),
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

/** The clocks and status a reply leaves on a case. */
export interface ReplyClockUpdate {
  status: string;
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
      status: u.status,
      first_responded_at: u.firstRespondedAt?.toISOString() ?? null,
      next_update_due_at: u.nextUpdateDueAt?.toISOString() ?? null,
      urgent_at: u.urgentAt.toISOString(),
      updated_at: u.now.toISOString(),
    })
    .where('id', '=', caseId)
    .execute();
}

/** Counts all cases; used by tests and the start-up banner. */
export async function countCases(db: HavenDb): Promise<number> {
  const row = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/**
 * What a reporter's new message does to a case: a closed case reopens (`reopenTo`), and a
 * reply may become owed sooner than the standing deadline (`urgentAt`). Either may be absent.
 */
export async function applyReporterMessage(
  db: HavenDb, caseId: string, input: { reopenTo: string | null; urgentAt: Date | null; now: Date },
): Promise<void> {
  if (input.reopenTo === null && input.urgentAt === null) return;
  await db
    .updateTable('cases')
    .set({
      ...(input.reopenTo === null ? {} : { status: input.reopenTo, is_open: 1, closed_at: null, outcome: null }),
      ...(input.urgentAt === null ? {} : { urgent_at: input.urgentAt.toISOString() }),
      updated_at: input.now.toISOString(),
    })
    .where('id', '=', caseId)
    .execute();
}
