import { decideAutoForward } from '../domain/emergency.js';
import type { ServiceContext } from './context.js';
import { recordNoContact, runAlertJob, writeForward } from './emergency-forwarding.js';
import type { EmergencyForwardPayload } from './job-kinds.js';

/**
 * The first waiting time of an alert ran out. Unless someone acknowledged it, it was already
 * forwarded, or it is held as part of a wave, the packet goes to the desk's emergency contact.
 * Only database writes (the email is its own job), so the job marks itself done in the same
 * transaction: exactly once, with any number of workers and across a crash.
 */
export async function runEmergencyForward(
  ctx: ServiceContext, job: { id: string; workerId: string }, payload: EmergencyForwardPayload,
): Promise<'forwarded' | 'acknowledged' | 'already_forwarded' | 'held' | 'no_contact' | 'gone' | 'lease_lost'> {
  return runAlertJob(ctx, job, payload.alertId, async (trx, alert, settings, now) => {
    const decision = decideAutoForward({ ...alert, hasContact: settings?.contactEmailEnc != null });
    if (decision === 'no_contact') await recordNoContact(trx, alert, now, 'emergency_forward_no_contact');
    if (decision !== 'forward') return decision;
    await writeForward(ctx, trx, { alert, by: null, fallbackAfterMinutes: settings?.fallbackAfterMinutes ?? 60, now });
    return 'forwarded';
  });
}
