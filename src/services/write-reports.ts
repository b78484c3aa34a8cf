import { formatCaseReference } from '../domain/case-reference.js';
import { insertCases, type NewCaseRow } from '../db/repositories/cases.js';
import { insertEvents, insertEvidenceLinks, insertParties, type NewEvent, type NewEvidence, type NewParty } from '../db/repositories/case-parts.js';
import { insertReporterAccesses, type NewReporterAccess } from '../db/repositories/reporter-access.js';
import { enqueueJobs, type NewJob } from '../db/repositories/jobs.js';
import { appendAuditEntries, type AuditEntry } from '../db/repositories/audit-log.js';
import { takeCounterValues } from '../db/repositories/counters.js';
import { indexNewCases } from '../db/repositories/case-search-index.js';
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
}

/**
 * Writes reports, in order, in the caller's transaction, with one statement per table for
 * all of them (on PostgreSQL each statement is a round trip, so a batch of 64 costs about a
 * dozen rather than 700), and returns their references.
 *
 * Order matters on PostgreSQL, where two locks make the numbering and the chain gapless: the
 * case-reference counter's row (taken first, as the cases need their references) and the
 * audit chain's advisory lock (taken last, after the search index, so that other services'
 * audited writes wait for as little as possible). Both are held until COMMIT.
 */
export async function writeReports(trx: HavenDb, dialect: DialectName, drafts: ReportDraft[]): Promise<string[]> {
  const numbered = await takeReferences(trx, drafts);
  await insertCases(trx, numbered.map(({ draft, reference }) => ({ ...draft.caseRow, reference })));
  await insertParties(trx, drafts.flatMap((d) => d.parties));
  await insertEvidenceLinks(trx, drafts.flatMap((d) => d.evidence));
  await insertEvents(trx, drafts.map((d) => d.event));
  await insertReporterAccesses(trx, drafts.map((d) => d.access));
  const jobs = numbered.flatMap(({ draft, reference }): NewJob[] => {
    if (draft.receipt === null) return [];
    const payload: ReceiptEmailPayload = { caseId: draft.caseRow.id, partyId: draft.receipt.partyId, reference, language: draft.receipt.language };
    return [{ id: draft.receipt.jobId, kind: RECEIPT_EMAIL_JOB, payload, runAt: draft.receivedAt, maxAttempts: 8 }];
  });
  // One `created_at` for the batch's jobs: the latest receipt time, so none predates its report.
  await enqueueJobs(trx, jobs, new Date(Math.max(...drafts.map((d) => d.receivedAt.getTime()))));
  await indexNewCases(trx, dialect);
  await appendAuditEntries(trx, dialect, drafts.map((d) => d.audit));
  return numbered.map((n) => n.reference);
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
