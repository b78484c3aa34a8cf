import { isOpen, type CaseStatus, type Outcome } from '../../../src/domain/case-lifecycle.js';
import type { Category } from '../../../src/domain/categories.js';
import { initialSeverity, type Severity } from '../../../src/domain/severity.js';
import { findCase } from '../../../src/db/repositories/cases.js';
import { assignCaseToSelf } from '../../../src/services/assign-case.js';
import { submitReport } from '../../../src/services/submit-report.js';
import type { ReportInput } from '../../../src/shared/report-input.js';
import { makeReportInput } from './report-input.js';
import { deskSlug, type DeskRef } from './desks.js';
import { staffActor } from './staff.js';
import type { FactoryTarget } from './target.js';

/** Overrides for `makeCase`: any field of the report, and the state the case is in. */
export interface CaseOverrides extends Partial<Omit<ReportInput, 'desk'>>, CaseAdjustments {
  /** The desk the report is filed on (a MadeDesk or a slug); default: the only desk, when there is one. */
  desk?: DeskRef;
  /** Intake derives severity from the category and the danger flag; this picks ones that give it. */
  severity?: Severity;
  /** When the report arrived (the clock for its first-response deadline); default: the app's clock. */
  receivedAt?: Date;
  /** Staff member holding the case, assigned through "assign to me" as them. */
  assigneeId?: string;
  source?: 'web' | 'api';
}

/** State no service sets yet (triage, closing, restricting); written straight to the case row. */
export interface CaseAdjustments {
  status?: CaseStatus;
  /** Only for a closed case; default `non_actionable` when the status is `closed`. */
  outcome?: Outcome;
  /** Default: the moment the case was made, when the status is `closed`. */
  closedAt?: Date;
  restrictedToGroup?: string | null;
}

/** A case as made: what the reporter was given, what they sent, and the case's id. */
export interface MadeCase {
  id: string;
  reference: string;
  accessCode: string;
  input: ReportInput;
  severity: Severity;
  receivedAt: Date;
}

/** Categories and danger flags that intake turns into each severity. */
const SEVERITY_INPUTS: Record<Severity, { category: Category; immediateDanger: boolean }> = {
  emergency: { category: 'hounding', immediateDanger: true },
  high: { category: 'personal_information', immediateDanger: false },
  normal: { category: 'hounding', immediateDanger: false },
};

/**
 * A case filed through intake (case, reporter party, reported parties, evidence, first
 * event, access code, audit row, receipt job), then assigned and adjusted as asked.
 */
export async function makeCase(t: FactoryTarget, overrides: CaseOverrides = {}): Promise<MadeCase> {
  const { severity, receivedAt, assigneeId, source, status, outcome, closedAt, restrictedToGroup, desk, ...report } = overrides;
  const input = makeReportInput({
    ...(severity === undefined ? {} : SEVERITY_INPUTS[severity]), ...report, ...(desk === undefined ? {} : { desk: deskSlug(desk) }),
  });
  const derived = initialSeverity(input);
  if (severity !== undefined && derived !== severity) {
    throw new Error(`makeCase: intake makes a ${input.category} report (danger: ${input.immediateDanger}) ${derived}, not ${severity}`);
  }
  const at = receivedAt ?? t.ctx.now();
  const ctx = { ...t.ctx, now: () => new Date(at) };
  const submitted = await submitReport(ctx, input, source ?? 'api');
  const kase = await findCase(ctx.db, { reference: submitted.reference });
  if (kase === null) throw new Error(`makeCase: ${submitted.reference} was not stored`);
  if (assigneeId !== undefined) {
    // Before any restriction: the assignee need not be in the group for the case to be made.
    await assignCaseToSelf(ctx, { ...(await staffActor(t, assigneeId)), groups: [] }, submitted.reference);
  }
  await adjustCase({ ctx }, kase.id, { status, outcome, closedAt, restrictedToGroup });
  return { id: kase.id, reference: submitted.reference, accessCode: submitted.accessCode, input, severity: derived, receivedAt: at };
}

/**
 * Puts an existing case into a state no service sets yet. A closed case leaves the open
 * queue (`is_open`) with an outcome and a closing time; any other status is open without them.
 */
export async function adjustCase(t: FactoryTarget, caseId: string, adjust: CaseAdjustments): Promise<void> {
  const set: {
    status?: string; is_open?: number; outcome?: string | null; closed_at?: string | null; restricted_to_group?: string | null;
    waiting_on?: null; waiting_since?: null; wait_remind_at?: null; paused_clock_due_at?: null;
  } = {};
  if (adjust.status !== undefined) {
    const open = isOpen(adjust.status);
    // As setCaseStatus does: a status other than waiting ends a wait. (A wait is started only by its service, which sets its clocks.)
    if (adjust.status !== 'waiting') Object.assign(set, { waiting_on: null, waiting_since: null, wait_remind_at: null, paused_clock_due_at: null });
    set.status = adjust.status;
    set.is_open = open ? 1 : 0;
    set.outcome = open ? null : adjust.outcome ?? 'non_actionable';
    set.closed_at = open ? null : (adjust.closedAt ?? t.ctx.now()).toISOString();
  }
  if (adjust.restrictedToGroup !== undefined) set.restricted_to_group = adjust.restrictedToGroup;
  if (Object.keys(set).length === 0) return;
  await t.ctx.db.updateTable('cases').set(set).where('id', '=', caseId).execute();
}

/** Revokes every access code of a case, as an operator would after a leaked code. */
export async function revokeReporterAccess(t: FactoryTarget, caseId: string): Promise<void> {
  await t.ctx.db.updateTable('reporter_access').set({ revoked_at: t.ctx.now().toISOString() }).where('case_id', '=', caseId).execute();
}
