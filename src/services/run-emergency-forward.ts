import { newId } from '../shared/ids.js';
import { decideAutoForward } from '../domain/emergency.js';
import { findAlert, readEmergencySettings } from '../db/repositories/emergency.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { completeJob } from '../db/repositories/jobs.js';
import type { ServiceContext } from './context.js';
import { writeForward } from './emergency-forwarding.js';
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
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await completeJob(trx, { id: job.id, workerId: job.workerId, now }))) return 'lease_lost';
    const alert = await findAlert(trx, { id: payload.alertId });
    if (alert === null) return 'gone';
    const settings = (await readEmergencySettings(trx, [alert.deskId])).get(alert.deskId);
    const decision = decideAutoForward({ ...alert, hasContact: settings?.contactEmailEnc != null });
    if (decision === 'no_contact') {
      await recordEvents(trx, [{ id: newId(now.getTime()), caseId: alert.caseId, at: now, actorKind: 'system', actorId: null, type: 'emergency_forward_no_contact', detail: null }]);
    }
    if (decision !== 'forward') return decision;
    await writeForward(ctx, trx, { alert, by: null, fallbackAfterMinutes: settings?.fallbackAfterMinutes ?? 60, now });
    return 'forwarded';
  });
}
