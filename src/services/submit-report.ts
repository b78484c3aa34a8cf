import { newId } from '../shared/ids.js';
import type { ReportInput } from '../shared/report-input.js';
import { formatCaseReference } from '../domain/case-reference.js';
import { initialSeverity } from '../domain/severity.js';
import { firstResponseDueAt } from '../domain/first-response-clock.js';
import { insertCase } from '../db/repositories/cases.js';
import { insertEvent, insertEvidenceLinks, insertParties, type NewParty } from '../db/repositories/case-parts.js';
import { insertReporterAccess } from '../db/repositories/reporter-access.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { nextCounterValue } from '../db/repositories/counters.js';
import { groupCommitterFor } from '../db/group-commit.js';
import { indexNewCases } from '../db/repositories/case-search-index.js';
import type { HavenDb } from '../db/connection.js';
import { generateAccessCode, hashAccessCode } from './security/access-code.js';
import { SEALED, type ServiceContext } from './context.js';
import { RECEIPT_EMAIL_JOB, type ReceiptEmailPayload } from './job-kinds.js';

export interface SubmittedReport {
  reference: string;
  /** Shown to the reporter once; only its hash is stored. */
  accessCode: string;
  severity: string;
  firstResponseDueAt: Date;
  emailQueued: boolean;
}

/**
 * Files a report: the case, its parties, evidence, first timeline event, reporter access,
 * audit row and receipt job commit together, so a receipt is only ever shown for a report
 * that is already durable. Concurrent reports share one transaction (group commit), each in
 * its own savepoint, and each caller returns only after that transaction has committed.
 */
export async function submitReport(ctx: ServiceContext, input: ReportInput, source: 'web' | 'api'): Promise<SubmittedReport> {
  const now = ctx.now();
  const accessCode = generateAccessCode();
  const severity = initialSeverity({ category: input.category, immediateDanger: input.immediateDanger });
  const dueAt = firstResponseDueAt(now, severity);
  const caseId = newId(now.getTime());
  const reporterPartyId = newId(now.getTime());
  const contactEnc = input.contactEmail === undefined ? null : ctx.cipher.seal(input.contactEmail, SEALED.contactEmail);

  const index = (trx: HavenDb) => indexNewCases(trx, ctx.dialect);
  const inTransaction = <T>(work: (trx: HavenDb) => Promise<T>): Promise<T> => ctx.groupCommit === false
    ? ctx.db.transaction().execute(async (trx) => { const result = await work(trx); await index(trx); return result; })
    : groupCommitterFor(ctx.db, { maxBatch: 64, beforeCommit: index }).run(work);

  const reference = await inTransaction(async (trx) => {
    const year = now.getUTCFullYear();
    const reference = formatCaseReference(year, await nextCounterValue(trx, `case-reference-${year}`));
    await insertCase(trx, {
      id: caseId, reference, status: 'new', is_open: 1, category: input.category, severity, venue: null,
      reporter_role: input.reporterRole, immediate_danger: input.immediateDanger ? 1 : 0, language: input.language,
      report_text: input.description, source, assignee_id: null, restricted_to_group: null, outcome: null,
      received_at: now, first_response_due_at: dueAt, urgent_at: dueAt, search_accounts: input.reportedAccounts.join(' '),
    });
    const parties: NewParty[] = [
      { id: reporterPartyId, caseId, role: 'reporter', username: input.reporterRole === 'target' ? input.targetAccount ?? null : null, contactEmailEnc: contactEnc, createdAt: now },
      ...input.reportedAccounts.map((username): NewParty => ({ id: newId(now.getTime()), caseId, role: 'reported', username, contactEmailEnc: null, createdAt: now })),
    ];
    if (input.reporterRole !== 'target' && input.targetAccount !== undefined) {
      parties.push({ id: newId(now.getTime()), caseId, role: 'target', username: input.targetAccount, contactEmailEnc: null, createdAt: now });
    }
    await insertParties(trx, parties);
    await insertEvidenceLinks(trx, input.links.map((url) => ({ id: newId(now.getTime()), caseId, url, suppliedBy: 'reporter', addedAt: now })));
    await insertEvent(trx, { id: newId(now.getTime()), caseId, type: 'report_received', at: now, actorKind: 'reporter', actorId: null, detail: null });
    await insertReporterAccess(trx, { id: newId(now.getTime()), caseId, partyId: reporterPartyId, codeHash: hashAccessCode(accessCode), createdAt: now });
    if (contactEnc !== null) {
      const payload: ReceiptEmailPayload = { caseId, partyId: reporterPartyId, reference, language: input.language };
      await enqueueJobs(trx, [{ id: newId(now.getTime()), kind: RECEIPT_EMAIL_JOB, payload, runAt: now, maxAttempts: 8 }], now);
    }
    await appendAudit(trx, ctx.dialect, {
      at: now, actorKind: 'public', actorId: null, action: 'case.reported', caseId,
      detail: { source, severity, category: input.category, links: input.links.length, accounts: input.reportedAccounts.length },
    });
    return reference;
  });
  return { reference, accessCode, severity, firstResponseDueAt: dueAt, emailQueued: contactEnc !== null };
}
