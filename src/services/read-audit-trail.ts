import { adminDesksOf, canOnCase, canOnDesk, type Actor } from '../domain/access-policy.js';
import { appendAudit, verifyAuditChain, type AuditVerification } from '../db/repositories/audit-log.js';
import { listAuditTrail, type AuditTrailRow } from '../db/repositories/audit-trail.js';
import { auditChain, auditMac } from './audit-chain.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';
import { AppError } from './errors.js';
import { administeredPerson } from './staff-admin-scope.js';

/** Entries per page of the audit console, unless the caller asks for fewer. */
export const AUDIT_PAGE_SIZE = 50;

/** One page of a trail, newest first; `next` is the cursor of the page after it (null: the last page). */
export interface AuditTrailPage {
  entries: AuditTrailRow[];
  next: number | null;
  /** The whole chain, walked and checked when the first page is read (null on later pages). */
  chain: AuditVerification | null;
}

/** A case's audit trail, for an admin of its desk who may open it (a restricted case is not found outside its group). */
export async function readCaseAuditTrail(
  ctx: ServiceContext, actor: Actor, input: { reference: string; before: number | null; limit?: number },
): Promise<AuditTrailPage> {
  const limit = input.limit ?? AUDIT_PAGE_SIZE;
  const page = await ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.view', { reference: input.reference });
    if (!canOnDesk(actor, 'audit.read', kase.deskId)) throw new AppError('forbidden', 'Only the desk\'s admins read its audit trail.');
    const rows = await listAuditTrail(trx, { caseId: kase.id }, input.before, limit + 1);
    const entries = rows.slice(0, limit);
    // Reading the trail is itself on the trail: who looked at who looked.
    await appendAudit(trx, auditChain(ctx), {
      at: ctx.now(), actorKind: 'staff', actorId: actor.id, action: 'audit.case_trail_read', caseId: kase.id,
      detail: { before: input.before, entries: entries.length },
    });
    return { entries, next: rows.length > limit ? (entries.at(-1)?.seq ?? null) : null };
  });
  return { ...page, chain: input.before === null ? await verifyAuditChain(ctx.db, 1000, auditMac(ctx.cipher)) : null };
}

/**
 * What one staff member did, for an admin of a desk where that person holds a role. Entries
 * about a case show only when the reader may open the case (its desk is one they administer,
 * and they are in its group if restricted); entries about no case only when they name no desk
 * or a desk the reader administers. The rest is left out, not hinted at.
 */
export async function readStaffAuditTrail(
  ctx: ServiceContext, actor: Actor, input: { staffId: string; before: number | null; limit?: number },
): Promise<AuditTrailPage> {
  const limit = input.limit ?? AUDIT_PAGE_SIZE;
  const page = await ctx.db.transaction().execute(async (trx) => {
    await administeredPerson(trx, actor, input.staffId);
    const administered = new Set(adminDesksOf(actor));
    const visible = (row: AuditTrailRow): boolean => row.kase === null
      ? row.detailDeskId === null || administered.has(row.detailDeskId)
      : administered.has(row.kase.deskId) && canOnCase(actor, 'case.view', row.kase);
    // Keyset paging over a filtered list: read batches until the page is full or the log ends.
    const entries: AuditTrailRow[] = [];
    let cursor = input.before;
    let more = true;
    while (more && entries.length <= limit) {
      const batch = await listAuditTrail(trx, { actorId: input.staffId }, cursor, Math.max(limit * 2, 100));
      more = batch.length > 0;
      for (const row of batch) if (visible(row)) entries.push(row);
      cursor = batch.at(-1)?.seq ?? cursor;
    }
    const shown = entries.slice(0, limit);
    await appendAudit(trx, auditChain(ctx), {
      at: ctx.now(), actorKind: 'staff', actorId: actor.id, action: 'audit.staff_trail_read', caseId: null,
      detail: { staffId: input.staffId, before: input.before, entries: shown.length },
    });
    return { entries: shown, next: entries.length > limit ? (shown.at(-1)?.seq ?? null) : null };
  });
  return { ...page, chain: input.before === null ? await verifyAuditChain(ctx.db, 1000, auditMac(ctx.cipher)) : null };
}
