import { formatCaseReference } from '../domain/case-reference.js';
import { insertCasesQuery, type NewCaseRow } from '../db/repositories/cases.js';
import { insertEvidenceLinksQuery, insertPartiesQuery, type NewEvidence, type NewParty } from '../db/repositories/case-parts.js';
import { insertEventsQuery, type NewEvent } from '../db/repositories/case-events.js';
import { insertReporterAccessQuery, type NewReporterAccess } from '../db/repositories/reporter-access.js';
import { enqueueJobsQuery, type NewJob } from '../db/repositories/jobs.js';
import { appendAuditEntries, type AuditEntry } from '../db/repositories/audit-log.js';
import { takeCounterValues } from '../db/repositories/counters.js';
import { indexNewCases } from '../db/repositories/case-search-index.js';
import { insertTogether } from '../db/repositories/insert-together.js';
import { claimIntakeKeys, type NewIntakeReceipt } from '../db/repositories/intake-receipts.js';
import type { HavenDb } from '../db/connection.js';
import type { DialectName } from '../db/dialect-name.js';
import { RECEIPT_EMAIL_JOB, type ReceiptEmailPayload } from './job-kinds.js';

/** Everything a report writes, prepared before any transaction; only its reference is missing. */
export interface ReportDraft {
  receivedAt: Date;
  caseRow: Omit<NewCaseRow, 'reference'>;
  parties: NewParty[];
  evidence: NewEvidence[];
  event: NewEvent;
  access: NewReporterAccess;
  /** The receipt email job, when the reporter left an address. */
  receipt: { jobId: string; partyId: string; language: string } | null;
  audit: AuditEntry;
  /** The idempotency key's row, when the report came with one (see file-report-once.ts). */
  intake: NewIntakeReceipt | null;
}

/**
 * Writes reports, in order, in the caller's transaction, and returns their references; null
 * for a report whose idempotency key another request already holds (nothing of it is written).
 * The keys are claimed first, so such a report takes no case number. All of
 * a batch's rows go in with one INSERT per table, and on PostgreSQL those INSERTs travel as one
 * statement (see insert-together.ts): a batch is five round trips however many reports it
 * holds (counter, rows, audit lock, chain tail, audit rows), where one report at a time was a
 * dozen per report.
 *
 * Order matters on PostgreSQL, where two locks keep the numbering and the chain gapless: the
 * case-reference counter's row, taken first because the cases need their references, and the
 * audit chain's advisory lock, taken last so that other services' audited writes wait only for
 * the end of a batch. Both are held until COMMIT.
 */
export async function writeReports(trx: HavenDb, dialect: DialectName, all: ReportDraft[]): Promise<(string | null)[]> {
  const drafts = await withFreeKeys(trx, all);
  if (drafts.length === 0) return all.map(() => null);
  const numbered = await takeReferences(trx, drafts);
  const jobs = numbered.flatMap(({ draft, reference }): NewJob[] => {
    if (draft.receipt === null) return [];
    const payload: ReceiptEmailPayload = { caseId: draft.caseRow.id, partyId: draft.receipt.partyId, reference, language: draft.receipt.language };
    return [{ id: draft.receipt.jobId, kind: RECEIPT_EMAIL_JOB, payload, runAt: draft.receivedAt, maxAttempts: 8 }];
  });
  await insertTogether(trx, dialect, [
    insertCasesQuery(trx, numbered.map(({ draft, reference }) => ({ ...draft.caseRow, reference }))),
    insertPartiesQuery(trx, drafts.flatMap((d) => d.parties)),
    insertEvidenceLinksQuery(trx, drafts.flatMap((d) => d.evidence)),
    insertEventsQuery(trx, drafts.map((d) => d.event)),
    insertReporterAccessQuery(trx, drafts.map((d) => d.access)),
    // One `created_at` for the batch's jobs: the latest receipt time, so none predates its report.
    enqueueJobsQuery(trx, jobs, new Date(Math.max(...drafts.map((d) => d.receivedAt.getTime())))),
  ]);
  await indexNewCases(trx, dialect);
  await appendAuditEntries(trx, dialect, drafts.map((d) => d.audit));
  const references = new Map(numbered.map((n) => [n.draft, n.reference]));
  return all.map((draft) => references.get(draft) ?? null);
}

/** The drafts whose idempotency key this transaction could claim (or that have none), in order. */
async function withFreeKeys(trx: HavenDb, drafts: ReportDraft[]): Promise<ReportDraft[]> {
  // A key twice in one batch: only its first report may claim it.
  const first = new Map<string, ReportDraft>();
  for (const draft of drafts) if (draft.intake !== null && !first.has(draft.intake.id)) first.set(draft.intake.id, draft);
  const claimed = await claimIntakeKeys(trx, [...first.values()].flatMap((d) => (d.intake === null ? [] : [d.intake])));
  return drafts.filter((d) => d.intake === null || (claimed.has(d.intake.id) && first.get(d.intake.id) === d));
}

/**
 * Takes one reference per report from its year's counter, in arrival order. Years are taken in
 * ascending order so that two batches straddling New Year lock the counters in the same order.
 */
async function takeReferences(trx: HavenDb, drafts: ReportDraft[]): Promise<{ draft: ReportDraft; reference: string }[]> {
  const year = (d: ReportDraft) => d.receivedAt.getUTCFullYear();
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
