import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { findCase } from '../db/repositories/cases.js';
import { listStaleClaims, listStaleClaimSettings, releaseClaim } from '../db/repositories/case-work.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { staffNoticeJobs } from './staff-notice-jobs.js';
import type { ServiceContext } from './context.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Claims released per desk per sweep; the next sweep takes the rest. */
const BATCH = 100;

/**
 * Releases claims nobody has worked for the desk's number of days (`desks.stale_claim_days`):
 * no claim, reply, note or move by staff since. Each release is its own transaction, re-checks
 * the staleness, and succeeds only if the same person still holds the case (a conditional
 * update), so sweeps in several processes release each claim once. The holder and the desk are
 * told, and the timeline and the audit log record it. Returns how many were released.
 */
export async function releaseStaleClaims(ctx: ServiceContext): Promise<number> {
  const now = ctx.now();
  let released = 0;
  for (const desk of await listStaleClaimSettings(ctx.db)) {
    const idleSince = new Date(now.getTime() - desk.days * DAY_MS);
    for (const claim of await listStaleClaims(ctx.db, { deskId: desk.deskId, idleSince, limit: BATCH })) {
      const done = await ctx.db.transaction().execute(async (trx) => {
        const stillStale = (await listStaleClaims(trx, { deskId: desk.deskId, idleSince, limit: 1, caseId: claim.caseId }))
          .some((c) => c.assigneeId === claim.assigneeId);
        const kase = await findCase(trx, { id: claim.caseId });
        if (!stillStale || kase === null || kase.assigneeUsername === null) return false;
        if (!(await releaseClaim(trx, { caseId: claim.caseId, holderId: claim.assigneeId, now }))) return false;
        await recordEvents(trx, [{
          id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'system', actorId: null,
          type: 'claim_released', detail: { from: { id: claim.assigneeId, username: kase.assigneeUsername }, idleDays: desk.days },
        }]);
        // The desk includes the holder (while they still may work the case).
        await enqueueJobs(trx, await staffNoticeJobs(trx, kase, { reason: 'claim_released', to: 'desk', days: desk.days, now }), now);
        await appendAudit(trx, auditChain(ctx), {
          at: now, actorKind: 'system', actorId: null, action: 'case.claim_released', caseId: kase.id, detail: { from: claim.assigneeId, idleDays: desk.days },
        });
        return true;
      });
      if (done) released += 1;
    }
  }
  return released;
}
