import { z } from 'zod';
import { OUTCOMES } from '../../domain/case-lifecycle.js';
import { SANCTION_KINDS } from '../../domain/closing-actions.js';
import { parseCaseReference } from '../../domain/case-reference.js';
import { cleanText, httpUrl } from '../text-rules.js';

// Closing a case: POST /api/v1/cases/{reference}/close. Browser-safe. The record's summary and
// findings and the messages may arrive blank: the closing guards answer those with their own
// 409 codes (closing_record_incomplete, reporter_not_told), which say what to fix.

const Instant = z.iso.datetime({ offset: true, message: 'Must be a date and time with a time zone, like 2026-05-04T17:00:00Z.' });

/** What was done about one reported person (action_taken). */
export const SanctionInput = z.strictObject({
  partyId: z.string().min(1).max(64),
  kind: z.enum(SANCTION_KINDS),
  description: cleanText(2000).nullish(),
  /** When a block or ban ends; null or absent: indefinite. Only blocks and bans end. */
  expiresAt: Instant.nullish(),
  /** The community's log entry, where there is one. */
  logUrl: httpUrl().nullish(),
  /** How the person can appeal. */
  appeal: cleanText(2000, 1),
});
export type SanctionInput = z.input<typeof SanctionInput>;

export const CloseBody = z.strictObject({
  outcome: z.enum(OUTCOMES),
  closingRecord: z.strictObject({
    /** What the case was about. */
    summary: cleanText(5000),
    /** What was found. */
    findings: cleanText(10_000),
  }),
  /** The closing message to each reporter party who can receive replies. */
  messages: z.array(z.strictObject({ partyId: z.string().min(1).max(64), body: cleanText(10_000) })).max(20),
  /** What the reporter can do now; required for non_actionable, and put in the message. */
  nextSteps: cleanText(5000).nullish(),
  /** A check-in with the reporter after closing: the assignee is reminded then. */
  followUpAt: Instant.nullish(),
  /** For `duplicate`: the case this one duplicates. */
  duplicateOf: z.string().refine((text) => parseCaseReference(text) !== null, { message: 'A case reference looks like HV-2026-000123.' }).nullish(),
  /** For `action_taken`: what was done about each reported person. */
  actions: z.array(SanctionInput).max(50).nullish(),
});
export type CloseBody = z.input<typeof CloseBody>;

/** The closing record as staff read it. */
export const ClosingRecordView = z.object({
  outcome: z.enum(OUTCOMES),
  summary: z.string(),
  findings: z.string(),
  /** Who looked, from the timeline. */
  reviewedBy: z.array(z.object({ id: z.string(), username: z.string() })),
  actions: z.array(z.object({
    partyId: z.string(), kind: z.enum(SANCTION_KINDS), description: z.string().nullable(), expiresAt: z.string().nullable(),
    logUrl: z.string().nullable(), appeal: z.string(),
  })),
  nextSteps: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  followUpAt: z.string().nullable(),
  closedAt: z.string(),
});
export type ClosingRecordView = z.infer<typeof ClosingRecordView>;
