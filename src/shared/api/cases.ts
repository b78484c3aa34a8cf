import { z } from 'zod';
import { CATEGORIES, REPORTER_ROLES } from '../../domain/categories.js';
import { CASE_STATUSES } from '../../domain/case-lifecycle.js';
import { SEVERITIES } from '../../domain/severity.js';
import { parseCaseReference } from '../../domain/case-reference.js';
import { EVIDENCE_KINDS, MESSAGE_AUTHOR_KINDS, MESSAGE_DELIVERIES, MESSAGE_DIRECTIONS, PARTY_ROLES } from '../../domain/case-parts.js';
import { EVIDENCE_FILE_TYPES } from '../../domain/evidence-files.js';
import { isDeskSlug } from '../../domain/desks.js';
import { PROMISE_STATES } from '../../domain/promise-record.js';
import { TimelineActor, TimelineEntry } from './case-events.js';
import { CaseNote, CaseWaiting } from './case-work.js';
import { MANUAL_MOVES } from '../../domain/status-moves.js';
import { ClosingRecordView } from './closing.js';

export { TimelineActor, TimelineEntry };
import { cleanText } from '../text-rules.js';

// ---- Requests ----

export const QueueQuery = z.strictObject({
  desk: z.string().max(40).refine(isDeskSlug, { message: 'A desk is named by its slug.' })
    .describe('Only this desk\'s cases (a slug of the session\'s desks). Without it, every desk where the user holds a role.').optional(),
  status: z.enum(CASE_STATUSES).optional(),
  category: z.enum(CATEGORIES).optional(),
  /** Words that must all appear in the report text or the reported accounts. */
  q: cleanText(200, 1).optional(),
  /** Only cases whose reported accounts are also named in another case the viewer may open. */
  linked: z.enum(['true']).optional(),
  cursor: z.string().max(500).optional(),
  // Plain decimal digits only: `0x10`, `1e1`, ` 10` or `10.0` are refused, not read as numbers.
  limit: z.union([z.number(), z.string().regex(/^[0-9]{1,6}$/, { message: 'Give a whole number in plain digits.' })])
    .transform(Number).pipe(z.number().int().min(1).max(100)).default(50),
  /** `broken`: only open cases whose promised update passed without a reply, the longest overdue first. */
  promise: z.enum(['broken']).optional(),
});
export type QueueQuery = z.input<typeof QueueQuery>;

export const ReferenceParams = z.strictObject({
  // The domain's parser is the one rule for what a reference is.
  reference: z.string()
    .refine((text) => parseCaseReference(text) !== null, { message: 'A case reference looks like HV-2026-000123.' })
    .describe('A case reference, HV-YYYY-NNNNNN.'),
});

// "Assign to me" needs no body; Fastify hands an absent body to the schema as null.
// `takeOver` is the deliberate step of taking a case someone else holds.
export const AssignBody = z.strictObject({ takeOver: z.boolean().optional() }).nullish();
export type AssignBody = z.input<typeof AssignBody>;

export const ReplyBody = z.strictObject({
  partyId: z.string().min(1).max(64),
  body: cleanText(10_000, 1),
  /** ISO 8601 with an offset, so the promise means the same moment to everyone. */
  promiseUpdateBy: z.iso.datetime({ offset: true, message: 'Must be a date and time with a time zone, like 2026-05-04T17:00:00Z.' }).nullish(),
  /** The template the reply started from; the reply is then checked for boilerplate. */
  templateId: z.string().min(1).max(64).nullish(),
  /** Send a reply that reads as boilerplate anyway; recorded on the message and the timeline. */
  confirmBoilerplate: z.boolean().optional(),
  /** To a reported person only: send although the leak guard found the reporter or the target named; audited. */
  leakOverrideReason: cleanText(2000, 10).describe('Why this message may name who is involved (at least 10 characters).').optional(),
});
export type ReplyBody = z.input<typeof ReplyBody>;

// ---- Responses ----

/** The desk a case belongs to. */
export const CaseDesk = z.object({ slug: z.string(), name: z.string() }).describe('The desk (community or team) the case belongs to.');
export type CaseDesk = z.infer<typeof CaseDesk>;

/** The staff member a case is assigned to. */
export const Assignee = z.object({ id: z.string(), username: z.string() });
export type Assignee = z.infer<typeof Assignee>;

/** One row of the queue. */
export const CaseSummary = z.object({
  reference: z.string(), desk: CaseDesk, status: z.enum(CASE_STATUSES), category: z.enum(CATEGORIES), severity: z.enum(SEVERITIES),
  assignee: Assignee.nullable(), receivedAt: z.string(), firstResponseDueAt: z.string(), firstRespondedAt: z.string().nullable(),
  reportedAccounts: z.array(z.string()),
  /** Set while the case waits on someone; its clocks are stopped meanwhile. */
  waiting: CaseWaiting.nullable(),
  /** The update promised to the reporter, while one is outstanding. */
  nextUpdateDueAt: z.string().nullable(),
  /** The group (by id) the case is restricted to; only its members ever see it. */
  restrictedToGroup: z.string().nullable(),
  /** Recusals left nobody else to work it, so it went to the escalation group: flagged until a member moves or lifts the restriction. */
  recusalEscalated: z.boolean(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** A page of the queue, most urgent first. */
export const QueueResponse = z.object({ cases: z.array(CaseSummary), nextCursor: z.string().nullable() });
export type QueueResponse = z.infer<typeof QueueResponse>;

/** A person involved in a case. */
export const Party = z.object({
  id: z.string(), role: z.enum(PARTY_ROLES), username: z.string().nullable(),
  /** The party who filed the report and holds an access code: they read replies on /status. */
  canReceiveReplies: z.boolean(),
  /** The name they go by (sealed at rest); staff see it, no other party does. */
  displayName: z.string().nullable(),
  /** Whether the desk has an address for them; the address itself never leaves the server. */
  hasContactEmail: z.boolean(),
});
export type Party = z.infer<typeof Party>;

/** One message in the conversation with a party; `body` is untrusted plain text. */
export const CaseMessage = z.object({
  id: z.string(), partyId: z.string(), direction: z.enum(MESSAGE_DIRECTIONS),
  author: z.object({ kind: z.enum(MESSAGE_AUTHOR_KINDS), username: z.string().optional() }),
  body: z.string(), createdAt: z.string(), promisedUpdateBy: z.string().nullable(),
  /** The template a staff reply started from, and whether it went out despite reading as boilerplate. */
  templateId: z.string().nullable(), boilerplateConfirmed: z.boolean(),
  /** For a message that promised an update: whether the next message to this party kept it. */
  promise: z.enum(PROMISE_STATES).nullable(),
  /** How a message from the desk reaches its party; `by_hand`: the handler copies it to the wiki. Null for messages from a party. */
  delivery: z.enum(MESSAGE_DELIVERIES).nullable(),
});
export type CaseMessage = z.infer<typeof CaseMessage>;

/** A piece of evidence. */
/** A piece of evidence; `url` is null for evidence marked as personal information (shown on request, audited). */
export const Evidence = z.object({
  id: z.string(), kind: z.enum(EVIDENCE_KINDS), url: z.string().nullable(), addedAt: z.string(), personalInformation: z.boolean(),
  /** Supplied privately (a link the reporter marked private): the leak guard keeps it out of anything a reported person reads. */
  suppliedPrivately: z.boolean(),
});
export type Evidence = z.infer<typeof Evidence>;

/**
 * A file a party attached. Its content is not here: it is fetched on request from
 * `GET /api/v1/cases/{reference}/files/{fileId}`, which is logged (images stay blurred until then).
 */
export const EvidenceFile = z.object({
  id: z.string(), name: z.string(), mediaType: z.enum(EVIDENCE_FILE_TYPES), isImage: z.boolean(), byteSize: z.number().int().min(0),
  /** The SHA-256 of the stored bytes (an image's after its metadata was taken out), hex. */
  sha256: z.string(),
  /** The role of the party who attached it, while that party is on the case. */
  fromRole: z.enum(PARTY_ROLES).nullable(),
  addedAt: z.string(),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;


/** A case as a handler sees it. Contact details never appear here. */
export const CaseDetail = CaseSummary.omit({ reportedAccounts: true, nextUpdateDueAt: true }).extend({
  venue: z.string().nullable(), reporterRole: z.enum(REPORTER_ROLES), immediateDanger: z.boolean(),
  // A BCP 47 tag, not an enum: the form's list of languages may change, a case keeps its own.
  language: z.string(),
  reportText: z.string(), hasContactEmail: z.boolean(),
  /** The update promised to the reporter, if one is outstanding. */
  nextUpdateDueAt: z.string().nullable(),
  parties: z.array(Party),
  /** The conversation with each party, oldest first. */
  messages: z.array(CaseMessage),
  evidence: z.array(Evidence),
  files: z.array(EvidenceFile),
  timeline: z.array(TimelineEntry),
  /** The closing record while the case is closed; null while it is open. */
  closing: ClosingRecordView.nullable(),
  /** The status moves the status route allows now, as the lifecycle decides (none once closed: reopen). */
  legalMoves: z.array(z.enum(MANUAL_MOVES)),
  /** Private notes, oldest first: staff only. */
  notes: z.array(CaseNote),
  /** When the reporter asked to withdraw, while no decision is recorded. */
  withdrawalRequestedAt: z.string().nullable(),
  /** Other cases naming one of its reported accounts, counting only those the viewer may open. */
  linkedCases: z.number().int().min(0),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseResponse = z.object({ case: CaseDetail });
export type CaseResponse = z.infer<typeof CaseResponse>;

export const EvidenceParams = ReferenceParams.extend({ evidenceId: z.string().min(1).max(64) });

export const EvidenceFileParams = ReferenceParams.extend({ fileId: z.string().min(1).max(64) });

/** Marks or unmarks evidence as personal information. */
export const EvidenceMarkBody = z.strictObject({ personalInformation: z.boolean() });

/** The address of evidence marked as personal information, shown on request. */
export const EvidenceRevealResponse = z.object({ url: z.string() });
export type EvidenceRevealResponse = z.infer<typeof EvidenceRevealResponse>;
