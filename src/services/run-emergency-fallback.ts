import { newId } from '../shared/ids.js';
import { decideFallback } from '../domain/emergency.js';
import { findAlert, readEmergencySettings } from '../db/repositories/emergency.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { completeJob } from '../db/repositories/jobs.js';
import type { ServiceContext } from './context.js';
import { writeFallback } from './emergency-forwarding.js';
import type { EmergencyFallbackPayload } from './job-kinds.js';

/**
 * The second waiting time after a packet was forwarded ran out. Unless the contact confirmed
 * receipt, the packet goes to the desk's fallback contact. Database writes only, done in the
 * job's own transaction, like the forward: exactly once.
 */
export async function runEmergencyFallback(
  ctx: ServiceContext, job: { id: string; workerId: string }, payload: EmergencyFallbackPayload,
): Promise<'sent' | 'confirmed' | 'already_sent' | 'no_contact' | 'gone' | 'lease_lost'> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await completeJob(trx, { id: job.id, workerId: job.workerId, now }))) return 'lease_lost';
    const alert = await findAlert(trx, { id: payload.alertId });
    if (alert === null) return 'gone';
    const settings = (await readEmergencySettings(trx, [alert.deskId])).get(alert.deskId);
    const decision = decideFallback({ ...alert, hasFallback: settings?.fallbackEmailEnc != null });
    if (decision === 'no_contact') {
      await recordEvents(trx, [{ id: newId(now.getTime()), caseId: alert.caseId, at: now, actorKind: 'system', actorId: null, type: 'emergency_fallback_no_contact', detail: null }]);
    }
    if (decision !== 'send') return decision;
    await writeFallback(ctx, trx, { alert, tokenEnc: payload.tokenEnc, now });
    return 'sent';
  });
}
