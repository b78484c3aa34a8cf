import { z } from 'zod';
import { CASE_STATUSES } from '../../domain/case-lifecycle.js';
import { MAX_WAIT_REMIND_DAYS, WAITING_ON } from '../../domain/waiting.js';
import { cleanText } from '../text-rules.js';
import { parseCaseReference } from '../../domain/case-reference.js';

// ---- Requests ----

/** A status move; closing and reopening have routes of their own. */
export const StatusBody = z.strictObject({
  to: z.enum(CASE_STATUSES).describe('The status to move to; `closed` is refused here: use the close route.'),
  reason: cleanText(5_000, 1).optional().describe('Why; kept as a private note.'),
  waitingOn: z.enum(WAITING_ON).optional().describe('Required with `to: waiting`: who the case waits on.'),
  remindAfterDays: z.number().int().min(1).max(MAX_WAIT_REMIND_DAYS).optional().describe('With `to: waiting`: days of silence before a reminder (default 7).'),
}).refine((b) => b.to !== 'waiting' || b.waitingOn !== undefined, { path: ['waitingOn'], message: 'Say who the case is waiting on.' })
  .refine((b) => b.to === 'waiting' || (b.waitingOn === undefined && b.remindAfterDays === undefined), {
    path: ['waitingOn'], message: 'Only a move to waiting says who the case waits on.',
  });
export type StatusBody = z.input<typeof StatusBody>;

/** A private note. */
export const NoteBody = z.strictObject({ body: cleanText(10_000, 1) });
export type NoteBody = z.input<typeof NoteBody>;

/** Reopening a closed case needs a reason. */
export const ReopenBody = z.strictObject({ reason: cleanText(5_000, 1) });
export type ReopenBody = z.input<typeof ReopenBody>;

/** The handler's decision on a withdrawal request that does not close the case (closing as `withdrawn` is the close route). */
export const WithdrawalDecisionBody = z.strictObject({
  decision: z.literal('continue'),
  message: cleanText(10_000, 1).describe('What the reporter reads on the status page: honestly, why the case goes on.'),
});
export type WithdrawalDecisionBody = z.input<typeof WithdrawalDecisionBody>;

// ---- Responses (parts of the case) ----

/** Who a waiting case waits on, since when, and when the desk will be reminded to chase. */
export const CaseWaiting = z.object({ on: z.enum(WAITING_ON), since: z.string(), remindAt: z.string() });
export type CaseWaiting = z.infer<typeof CaseWaiting>;

/** A private note: staff only, never edited. `body` is untrusted plain text. */
export const CaseNote = z.object({ id: z.string(), author: z.object({ username: z.string().optional() }), body: z.string(), createdAt: z.string() });
export type CaseNote = z.infer<typeof CaseNote>;

/** Merging this case (a duplicate) into another open case of the desk, named by its reference, with the reason. */
export const MergeBody = z.strictObject({
  into: z.string().refine((text) => parseCaseReference(text) !== null, { message: 'A case reference looks like HV-2026-000123.' }),
  reason: cleanText(2000, 1),
});
export type MergeBody = z.input<typeof MergeBody>;
