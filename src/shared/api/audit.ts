import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS } from '../../domain/audit-actions.js';

// The audit console: a desk's admins read who viewed or changed what, and when, per case and
// per staff member, newest first, a page at a time, with the state of the hash chain.

const Instant = z.string().describe('ISO 8601, UTC.');

export const AuditQuery = z.strictObject({
  before: z.string().regex(/^[1-9][0-9]{0,14}$/, { message: 'Give the cursor of the page you were shown.' }).transform(Number).optional()
    .describe('The `next` cursor of the previous page; absent for the newest entries.'),
  limit: z.string().regex(/^[0-9]{1,3}$/, { message: 'Give a whole number in plain digits.' }).transform(Number)
    .pipe(z.number().int().min(1).max(100)).optional(),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const StaffAuditParams = z.strictObject({ id: z.uuid() });

export const AuditEntry = z.object({
  seq: z.number().int().describe('The entry\'s place in the chain.'),
  at: Instant,
  action: z.enum(AUDIT_ACTIONS as [string, ...string[]]),
  actor: z.object({ kind: z.enum(AUDIT_ACTOR_KINDS), id: z.string().nullable(), username: z.string().nullable() }),
  caseReference: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditChainState = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int() }),
  z.object({ ok: z.literal(false), entries: z.number().int().describe('Entries that verify before the break.'), brokenAt: z.number().int(), reason: z.string() }),
]).describe('The whole chain walked and checked, as `haven audit verify` does.');
export type AuditChainState = z.infer<typeof AuditChainState>;

/** `GET /api/v1/cases/{reference}/audit` and `GET /api/v1/audit/staff/{id}`. */
export const AuditTrailResponse = z.object({
  entries: z.array(AuditEntry),
  next: z.string().nullable().describe('Pass as `before` for the next page; null on the last page.'),
  chain: AuditChainState.nullable().describe('Given with the first page only.'),
});
export type AuditTrailResponse = z.infer<typeof AuditTrailResponse>;
