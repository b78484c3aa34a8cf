import { formatCaseReference } from '../domain/case-reference.js';
import { insertCasesQuery, type NewCaseRow } from '../db/repositories/cases.js';
import { insertEvidenceLinksQuery, insertPartiesQuery, type NewEvidence, type NewParty } from '../db/repositories/case-parts.js';
import { insertEventsQuery, type NewEvent } from '../db/repositories/case-events.js';
import { insertReporterAccessQuery, type NewReporterAccess } from '../db/repositories/reporter-access.js';
import { enqueueJobsQuery, type NewJob } from '../db/repositories/jobs.js';
import { appendAuditEntries, type AuditChain, type AuditEntry } from '../db/repositories/audit-log.js';
import { takeCounterValues } from '../db/repositories/counters.js';
import { indexNewCases } from '../db/repositories/case-search-index.js';
import { insertTogether } from '../db/repositories/insert-together.js';
import { claimIntakeKeys, type NewIntakeReceipt } from '../db/repositories/intake-receipts.js';
import { listDesks } from '../db/repositories/desks.js';
import { insertEvidenceFiles, type NewEvidenceFile } from '../db/repositories/evidence-files.js';
import type { HavenDb } from '../db/connection.js';
import { raiseEmergencyAlerts } from './raise-emergency-alerts.js';
import { recuseNamedStaff, type NamedStaff } from './recuse-staff.js';
import { staffByAccountKeys } from '../db/repositories/staff-groups.js';
import { RECEIPT_EMAIL_JOB, type ReceiptEmailPayload } from './job-kinds.js';

/** Everything a report writes, prepared before any transaction; only its reference and desk are missing. */
export interface ReportDraft {
  receivedAt: Date;
  caseRow: Omit<NewCaseRow, 'reference' | 'desk_id'>;
  /** The slug of the desk the reporter chose; none, when the install has one desk. */
  desk: string | undefined;
  parties: NewParty[];
  evidence: NewEvidence[];
  /** Files the reporter attached, sealed: they commit with the report, before any receipt is shown. */
  files?: NewEvidenceFile[];
  event: NewEvent;
  access: NewReporterAccess;
  /** The receipt email job, when the reporter left an address. */
  receipt: { jobId: string; partyId: string; language: string } | null;
  audit: AuditEntry;
  /** The idempotency key's row, when the report came with one (see file-report-once.ts). */
  intake: NewIntakeReceipt | null;
  /** Its flood keys, when the report raises an emergency alert (see raise-emergency-alerts.ts). */
  emergency: { sourceKey: string | null; textKey: string } | null;
  /** The accounts its parties name and the staff the reporter asked not to handle it: who is recused from intake on. */
  /** Blind indexes of the accounts the report names, and the staff its reporter named (recused from intake on). */
  recusals: { partyAccountKeys: string[]; reporterNamed: NamedStaff[] };
}

/** Why a report was not written: it named no desk where there are several, or a desk there is not. */
export type DeskProblem = 'desk_required' | 'desk_unknown';

/** What became of one report of a batch. */
export type WrittenReport = { reference: string } | { refused: DeskProblem } | { keyTaken: true };

/**
 * Writes reports, in order, in the caller's transaction, and says what became of each: its
 * reference; refused, when its desk cannot be settled; or `keyTaken`, when another request
 * already holds its idempotency key. Refused reports and reports whose key is taken write
 * nothing and take no case number (keys are claimed before the numbers). A refusal is an
 * answer, not a failed statement, so it does not send the batch down the one-at-a-time path.
 * All of a batch's rows go in with one INSERT per table, and on PostgreSQL those INSERTs travel
 * as one statement (see insert-together.ts): a batch is a handful of round trips however many
 * reports it holds (desks, keys, counter, rows, audit lock, chain tail, audit rows), where one
 * report at a time was a dozen per report. The desks are read in the batch, once, rather than
 * per report before it, which would add a round trip to every report.
 *
 * Order matters on PostgreSQL, where two locks keep the numbering and the chain gapless: the
 * case-reference counter's row, taken first because the cases need their references, and the
 * audit chain's advisory lock, taken last so that other services' audited writes wait only for
 * the end of a batch. Both are held until COMMIT.
 */
export async function writeReports(trx: HavenDb, chain: AuditChain, drafts: ReportDraft[]): Promise<WrittenReport[]> {
  const desks = await listDesks(trx);
  const settled = drafts.map((draft) => ({ draft, desk: settleDesk(desks, draft.desk) }));
  const withDesk = settled.flatMap(({ draft, desk }) => (typeof desk === 'string' ? [] : [{ ...draft, deskId: desk.id }]));
  const accepted = await withFreeKeys(trx, withDesk);
  const references = accepted.length === 0 ? new Map<string, string>() : await writeAccepted(trx, chain, accepted);
  return settled.map(({ draft, desk }): WrittenReport => {
    if (typeof desk === 'string') return { refused: desk };
    const reference = references.get(draft.caseRow.id);
    return reference === undefined ? { keyTaken: true } : { reference };
  });
}

/** The desk a report goes to, or why there is none. */
function settleDesk<D extends { id: string; slug: string }>(desks: D[], slug: string | undefined): D | DeskProblem {
  if (slug === undefined) return desks.length === 1 && desks[0] !== undefined ? desks[0] : 'desk_required';
  return desks.find((d) => d.slug === slug) ?? 'desk_unknown';
}

/** Writes reports whose desk and key are settled; returns each one's reference by case id. */
async function writeAccepted(trx: HavenDb, chain: AuditChain, drafts: (ReportDraft & { deskId: string })[]): Promise<Map<string, string>> {
  const { dialect } = chain;
  const numbered = await takeReferences(trx, drafts);
  const jobs = numbered.flatMap(({ draft, reference }): NewJob[] => {
    if (draft.receipt === null) return [];
    const payload: ReceiptEmailPayload = { caseId: draft.caseRow.id, partyId: draft.receipt.partyId, reference, language: draft.receipt.language };
    return [{ id: draft.receipt.jobId, kind: RECEIPT_EMAIL_JOB, payload, runAt: draft.receivedAt, maxAttempts: 8 }];
  });
  await insertTogether(trx, dialect, [
    insertCasesQuery(trx, numbered.map(({ draft, reference }) => ({ ...draft.caseRow, desk_id: draft.deskId, reference }))),
    insertPartiesQuery(trx, drafts.flatMap((d) => d.parties)),
    insertEvidenceLinksQuery(trx, drafts.flatMap((d) => d.evidence)),
    insertEventsQuery(trx, drafts.map((d) => d.event)),
    insertReporterAccessQuery(trx, drafts.map((d) => d.access)),
    // One `created_at` for the batch's jobs: the latest receipt time, so none predates its report.
    enqueueJobsQuery(trx, jobs, new Date(Math.max(...drafts.map((d) => d.receivedAt.getTime())))),
  ]);
  await insertEvidenceFiles(trx, drafts.flatMap((d) => d.files ?? []));
  await indexNewCases(trx, dialect);
  const recused = await recuseAtIntake(trx, drafts);
  const alerted = await raiseEmergencyAlerts(trx, drafts.flatMap((d) => (d.emergency === null ? [] : [{
    caseId: d.caseRow.id, deskId: d.deskId, receivedAt: d.receivedAt, ...d.emergency,
  }])));
  await appendAuditEntries(trx, chain, [...drafts.map((d) => d.audit), ...recused, ...alerted]);
  return new Map(numbered.map((n) => [n.draft.caseRow.id, n.reference]));
}

/**
 * Recuses, from the moment each case exists, the staff whose linked accounts it names and those
 * its reporter named. One read for the whole batch finds whether any linked account is named at
 * all (almost never), so an ordinary batch pays one round trip for it.
 */
async function recuseAtIntake(trx: HavenDb, drafts: (ReportDraft & { deskId: string })[]): Promise<AuditEntry[]> {
  const keys = drafts.flatMap((d) => d.recusals.partyAccountKeys);
  const linked = await staffByAccountKeys(trx, [...new Set(drafts.map((d) => d.deskId))], keys);
  const audit: AuditEntry[] = [];
  for (const d of drafts) {
    const deskLinked = linked.some((l) => l.deskId === d.deskId);
    if (!deskLinked && d.recusals.reporterNamed.length === 0) continue;
    audit.push(...await recuseNamedStaff(trx, {
      caseId: d.caseRow.id, deskId: d.deskId, partyAccountKeys: deskLinked ? d.recusals.partyAccountKeys : [],
      reporterNamed: d.recusals.reporterNamed, cause: { kind: 'reporter', id: null }, now: d.receivedAt,
    }));
  }
  return audit;
}

/** The drafts whose idempotency key this transaction could claim (or that have none), in order. */
async function withFreeKeys<D extends ReportDraft>(trx: HavenDb, drafts: D[]): Promise<D[]> {
  // A key twice in one batch: only its first report may claim it.
  const first = new Map<string, D>();
  for (const draft of drafts) if (draft.intake !== null && !first.has(draft.intake.id)) first.set(draft.intake.id, draft);
  const claimed = await claimIntakeKeys(trx, [...first.values()].flatMap((d) => (d.intake === null ? [] : [d.intake])));
  return drafts.filter((d) => d.intake === null || (claimed.has(d.intake.id) && first.get(d.intake.id) === d));
}

/**
 * Takes one reference per report from its year's counter, in arrival order. Years are taken in
 * ascending order so that two batches straddling New Year lock the counters in the same order.
 */
async function takeReferences<D extends ReportDraft>(trx: HavenDb, drafts: D[]): Promise<{ draft: D; reference: string }[]> {
  const year = (d: D) => d.receivedAt.getUTCFullYear();
  const next = new Map<number, number>();
  for (const y of [...new Set(drafts.map(year))].sort((a, b) => a - b)) {
    const count = drafts.filter((d) => year(d) === y).length;
    next.set(y, (await takeCounterValues(trx, `case-reference-${y}`, count)) - count + 1);
  }
  return drafts.map((draft) => {
    const sequence = next.get(year(draft)) ?? 0;
    next.set(year(draft), sequence + 1);
    return { draft, reference: formatCaseReference(year(draft), sequence) };
  });
}
