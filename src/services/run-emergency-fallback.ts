import { decideFallback } from '../domain/emergency.js';
import type { ServiceContext } from './context.js';
import { recordNoContact, runAlertJob, writeFallback } from './emergency-forwarding.js';
import type { EmergencyFallbackPayload } from './job-kinds.js';

/**
 * The second waiting time after a packet was forwarded ran out. Unless the contact confirmed
 * receipt, the packet goes to the desk's fallback contact. Database writes only, done in the
 * job's own transaction, like the forward: exactly once.
 */
export async function runEmergencyFallback(
  ctx: ServiceContext, job: { id: string; workerId: string }, payload: EmergencyFallbackPayload,
): Promise<'sent' | 'confirmed' | 'already_sent' | 'no_contact' | 'gone' | 'lease_lost'> {
  return runAlertJob(ctx, job, payload.alertId, async (trx, alert, settings, now) => {
    const decision = decideFallback({ ...alert, hasFallback: settings?.fallbackEmailEnc != null });
    if (decision === 'no_contact') await recordNoContact(trx, alert, now, 'emergency_fallback_no_contact');
    if (decision !== 'send') return decision;
    await writeFallback(ctx, trx, { alert, tokenEnc: payload.tokenEnc, now });
    return 'sent';
  });
}
