import { namedStaff } from './recuse-staff.js';
import { auditChain } from './audit-chain.js';
import { sealContact } from './security/contact-seal.js';
import { newId } from '../shared/ids.js';
import type { ReportInput } from '../shared/report-input.js';
import { initialSeverity } from '../domain/severity.js';
import { floodText, raisesEmergencyAlert } from '../domain/emergency.js';
import { firstResponseDueAt } from '../domain/first-response-clock.js';
import type { NewParty } from '../db/repositories/case-parts.js';
import { accountIndexesForLookup } from './security/account-index.js';
import { storeAccountName } from './party-details.js';
import type { PartyRole } from '../domain/case-parts.js';
import { GroupCommitter } from '../db/group-commit.js';
import type { HavenDb } from '../db/connection.js';
import { intakeReceiptTimes } from '../domain/intake-limits.js';
import { generateAccessCode, hashAccessCode } from './security/access-code.js';
import { contactIndex } from './security/contact-index.js';
import { SEALED, type ServiceContext } from './context.js';
import { AppError } from './errors.js';
import { signalOutbox } from './outbox-signal.js';
import { writeReports, type DeskProblem, type ReportDraft, type WrittenReport } from './write-reports.js';
import { sealEvidenceFiles, type PreparedFile } from './evidence-file-sealing.js';

export interface SubmittedReport {
  reference: string;
  /** Shown to the reporter once; only its hash is stored. */
  accessCode: string;
  severity: string;
  firstResponseDueAt: Date;
  emailQueued: boolean;
}

/** An idempotency key as intake stores it: its keyed hash, and the report's fingerprint. */
export interface IntakeKey { id: string; fingerprint: string }

/** The report's idempotency key was claimed by another request first; nothing was written. */
export class IntakeKeyTaken extends Error {
  constructor() {
    super('Another request with this idempotency key was filed first.');
    this.name = 'IntakeKeyTaken';
  }
}

const DESK_REFUSALS: Readonly<Record<DeskProblem, { message: string; field: string }>> = {
  desk_required: { message: 'Say which community or team the report is for.', field: 'Choose one of the desks.' },
  desk_unknown: { message: 'There is no desk by that name.', field: 'Not a desk of this Haven.' },
};

/**
 * Files a report on its desk: the one named by `input.desk` (a slug), or, when the install has
 * one desk, that one. The case, its parties, evidence, first timeline event, reporter access,
 * audit row and receipt job commit together, so a receipt is only ever shown for a report
 * that is already durable. Concurrent reports share one transaction (group commit) and are
 * written together (see write-reports.ts); each caller returns only after that transaction
 * has committed. A desk that is missing or unknown is a validation error on the `desk` field.
 * With an idempotency key, the key's row (and the sealed access code) commits with the report,
 * or, when another request holds the key, nothing does: IntakeKeyTaken.
 */
export async function submitReport(
  ctx: ServiceContext, input: ReportInput, source: 'web' | 'api', key?: IntakeKey, files: readonly PreparedFile[] = [],
): Promise<SubmittedReport> {
  const accessCode = generateAccessCode();
  const draft = draftReport(ctx.now(), input, source, accessCode, ctx, key ?? null);
  // Sealed here, outside the transaction, like everything else of the draft; bound to the new case.
  if (files.length > 0) draft.files = sealEvidenceFiles(ctx, draft.caseRow.id, draft.access.partyId, files, draft.receivedAt);
  const written = ctx.groupCommit === false
    ? await ctx.db.transaction().execute(async (trx) => (await writeReports(trx, auditChain(ctx), [draft]))[0])
    : await intakeCommitter(ctx).run(draft);
  if (written === undefined) throw new Error('writeReports returned no reference');
  if ('keyTaken' in written) throw new IntakeKeyTaken();
  if ('refused' in written) {
    const refusal = DESK_REFUSALS[written.refused];
    throw new AppError('validation_failed', refusal.message, [{ path: 'desk', message: refusal.field }]);
  }
  const { reference } = written;
  // Committed: the alert emails need not wait for the worker's next round.
  if (draft.emergency !== null) signalOutbox();
  return {
    reference, accessCode, severity: draft.caseRow.severity, firstResponseDueAt: draft.caseRow.first_response_due_at,
    emailQueued: draft.receipt !== null,
  };
}

// All the CPU work of a report (ids, sealing, hashing) happens here, outside the transaction,
// so the batch that writes it holds the connection (and on SQLite the event loop) only for
// the writes themselves.
function draftReport(now: Date, input: ReportInput, source: 'web' | 'api', accessCode: string, ctx: ServiceContext, key: IntakeKey | null): ReportDraft {
  const severity = initialSeverity({ category: input.category, immediateDanger: input.immediateDanger });
  const dueAt = firstResponseDueAt(now, severity);
  const id = () => newId(now.getTime());
  const caseId = id();
  const reporterPartyId = id();
  const contactEnc = input.contactEmail === undefined ? null : sealContact(ctx.cipher, input.contactEmail, reporterPartyId);
  const contactEmailIndex = input.contactEmail === undefined ? null : contactIndex(ctx.cipher, input.contactEmail);
  // Every named account gets its blind index from intake on, so matching by account (linked
  // cases, conflicts of interest) sees a case from the moment it exists; the reporter's and the
  // target's names are sealed like the reporter's address (storeAccountName).
  const named = (partyId: string, role: PartyRole, name: string | null) => storeAccountName(ctx.cipher, partyId, role, name);
  const parties: NewParty[] = [
    {
      id: reporterPartyId, caseId, role: 'reporter', ...named(reporterPartyId, 'reporter', input.reporterRole === 'target' ? input.targetAccount ?? null : null),
      contactEmailEnc: contactEnc, contactEmailIndex, createdAt: now,
    },
    ...input.reportedAccounts.map((username): NewParty => {
      const partyId = id();
      return { id: partyId, caseId, role: 'reported', ...named(partyId, 'reported', username), contactEmailEnc: null, createdAt: now };
    }),
  ];
  if (input.reporterRole !== 'target' && input.targetAccount !== undefined) {
    const partyId = id();
    parties.push({ id: partyId, caseId, role: 'target', ...named(partyId, 'target', input.targetAccount), contactEmailEnc: null, createdAt: now });
  }
  const accountNames = [...input.reportedAccounts, ...(input.targetAccount === undefined ? [] : [input.targetAccount])];
  return {
    receivedAt: now,
    desk: input.desk,
    caseRow: {
      id: caseId, status: 'new', is_open: 1, category: input.category, severity, venue: null,
      reporter_role: input.reporterRole, immediate_danger: input.immediateDanger ? 1 : 0, language: input.language,
      report_text: input.description, source, assignee_id: null, restricted_to_group: null, outcome: null,
      received_at: now, first_response_due_at: dueAt, urgent_at: dueAt, search_accounts: input.reportedAccounts.join(' '),
    },
    parties,
    // A link given both ways is kept once, as private: the reporter's caution wins.
    evidence: [
      ...input.links.filter((url) => !(input.privateLinks ?? []).includes(url)).map((url) => ({ id: id(), caseId, url, suppliedBy: 'reporter', addedAt: now })),
      ...(input.privateLinks ?? []).map((url) => ({ id: id(), caseId, url, suppliedBy: 'reporter', addedAt: now, isPrivate: true })),
    ],
    files: [],
    event: { id: id(), caseId, type: 'report_received', at: now, actorKind: 'reporter', actorId: null, detail: null },
    access: { id: id(), caseId, partyId: reporterPartyId, codeHash: hashAccessCode(accessCode), createdAt: now },
    receipt: contactEnc === null ? null : { jobId: id(), partyId: reporterPartyId, language: input.language },
    audit: {
      at: now, actorKind: 'public', actorId: null, action: 'case.reported', caseId,
      detail: { source, severity, category: input.category, links: input.links.length, accounts: input.reportedAccounts.length },
    },
    emergency: raisesEmergencyAlert(input) ? floodKeys(ctx, input, contactEmailIndex) : null,
    recusals: {
      partyAccountKeys: accountNames.flatMap((name) => accountIndexesForLookup(ctx.cipher, name)),
      reporterNamed: namedStaff(ctx.cipher, input.notHandledBy ?? []),
    },
    intake: key === null ? null : {
      ...key, caseId, ...intakeReceiptTimes(now), createdAt: now,
      // Bound to its row: a sealed code cannot be moved to another key's receipt.
      codeEnc: ctx.cipher.seal(accessCode, `${SEALED.intakeCode}:${key.id}`),
    },
  };
}

/**
 * The keys the emergency flood rule compares, as keyed hashes, so that neither the address nor
 * the text is stored again. The source is the reporter's contact address (its blind index) when
 * they left one. Client addresses are not used: behind a proxy every report shares one, and a
 * real emergency must never be held because someone else flooded the form.
 */
function floodKeys(ctx: ServiceContext, input: ReportInput, contactKey: string | null): { sourceKey: string | null; textKey: string } {
  const [textKey] = ctx.cipher.keyedHashes(floodText(input.description), 'emergency-flood-text');
  if (textKey === undefined) throw new Error('The field cipher has no key.');
  return { sourceKey: contactKey, textKey };
}

const committers = new WeakMap<HavenDb, GroupCommitter<ReportDraft, WrittenReport>>();

/** The intake group committer of this database handle. */
function intakeCommitter(ctx: ServiceContext): GroupCommitter<ReportDraft, WrittenReport> {
  let committer = committers.get(ctx.db);
  if (committer === undefined) {
    const chain = auditChain(ctx);
    committer = new GroupCommitter(ctx.db, { maxBatch: 64, write: (trx, drafts) => writeReports(trx, chain, drafts) });
    committers.set(ctx.db, committer);
  }
  return committer;
}
