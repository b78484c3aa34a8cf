import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { mayShare } from '../domain/consent.js';
import {
  findAlert, markFallback, markForwarded, readEmergencySettings, type AlertRecord, type EmergencySettingsRow,
} from '../db/repositories/emergency.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { completeJob, enqueueJobs } from '../db/repositories/jobs.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { HavenDb } from '../db/connection.js';
import { hashToken, randomToken } from './security/tokens.js';
import { reporterConsentFor } from './emergency-consent.js';
import { SEALED, type ServiceContext } from './context.js';
import {
  EMERGENCY_FALLBACK_JOB, EMERGENCY_PACKET_EMAIL_JOB, type EmergencyFallbackPayload, type EmergencyPacketEmailPayload,
} from './job-kinds.js';

/** The purpose a confirmation token is hashed under. */
export const CONFIRM_TOKEN_PURPOSE = 'emergency-confirm';

/**
 * Forwards an alert's packet to the desk's emergency contact, once, in the caller's transaction:
 * marks the alert forwarded (false when it already was: nothing else is written), and queues the
 * packet email with a fresh confirmation link and the fallback check for when the second
 * waiting time runs out. By a staff member (the case page) or by Haven (the automatic forward).
 */
export async function writeForward(
  ctx: ServiceContext, trx: HavenDb, input: { alert: AlertRecord; by: string | null; fallbackAfterMinutes: number; now: Date },
): Promise<boolean> {
  const { alert, now } = input;
  const token = randomToken();
  if (!(await markForwarded(trx, { alertId: alert.id, by: input.by, at: now, confirmTokenHash: hashToken(token, CONFIRM_TOKEN_PURPOSE) }))) return false;
  const tokenEnc = ctx.cipher.seal(token, `${SEALED.emergencyConfirmToken}:${alert.id}`);
  const packet: EmergencyPacketEmailPayload = { caseId: alert.caseId, alertId: alert.id, to: 'contact', tokenEnc };
  const fallback: EmergencyFallbackPayload = { alertId: alert.id, tokenEnc };
  await enqueueJobs(trx, [
    { id: newId(now.getTime()), kind: EMERGENCY_PACKET_EMAIL_JOB, payload: packet, runAt: now, maxAttempts: 12 },
    { id: newId(now.getTime()), kind: EMERGENCY_FALLBACK_JOB, payload: fallback, runAt: new Date(now.getTime() + input.fallbackAfterMinutes * 60_000), maxAttempts: 12 },
  ], now);
  await recordEvents(trx, [{
    id: newId(now.getTime()), caseId: alert.caseId, at: now, actorKind: input.by === null ? 'system' : 'staff', actorId: input.by,
    type: 'emergency_packet_forwarded', detail: null,
  }]);
  await auditPacket(ctx, trx, { alert, by: input.by, to: 'contact', now });
  return true;
}

/** Sends the packet on to the fallback contact, once, in the caller's transaction; false when it already went or receipt was confirmed. */
export async function writeFallback(ctx: ServiceContext, trx: HavenDb, input: { alert: AlertRecord; tokenEnc: string; now: Date }): Promise<boolean> {
  const { alert, now } = input;
  if (!(await markFallback(trx, { alertId: alert.id, at: now }))) return false;
  const packet: EmergencyPacketEmailPayload = { caseId: alert.caseId, alertId: alert.id, to: 'fallback', tokenEnc: input.tokenEnc };
  await enqueueJobs(trx, [{ id: newId(now.getTime()), kind: EMERGENCY_PACKET_EMAIL_JOB, payload: packet, runAt: now, maxAttempts: 12 }], now);
  await recordEvents(trx, [{ id: newId(now.getTime()), caseId: alert.caseId, at: now, actorKind: 'system', actorId: null, type: 'emergency_packet_to_fallback', detail: null }]);
  await auditPacket(ctx, trx, { alert, by: null, to: 'fallback', now });
  return true;
}

async function auditPacket(ctx: ServiceContext, trx: HavenDb, input: { alert: AlertRecord; by: string | null; to: 'contact' | 'fallback'; now: Date }): Promise<void> {
  const consent = await reporterConsentFor(trx, input.alert.caseId);
  await appendAudit(trx, auditChain(ctx), {
    at: input.now, actorKind: input.by === null ? 'system' : 'staff', actorId: input.by, action: 'case.emergency_packet_forwarded', caseId: input.alert.caseId,
    detail: { alertId: input.alert.id, to: input.to, automatic: input.by === null, reporterContact: mayShare(consent, 'contact', 'emergency_contact') },
  });
}

/**
 * The frame of an alert's timed job (the automatic forward, the fallback): in one transaction, mark
 * the job done (`lease_lost` when another worker holds it), read the alert (`gone` when deleted)
 * and its desk's settings, then run the step. Database writes only, so the job completes exactly
 * once, with any number of workers and across a crash. A step that finds no contact to write to
 * records `noContactEvent` on the case.
 */
export async function runAlertJob<R extends string>(
  ctx: ServiceContext, job: { id: string; workerId: string }, alertId: string,
  step: (trx: HavenDb, alert: AlertRecord, settings: EmergencySettingsRow | undefined, now: Date) => Promise<R>,
): Promise<R | 'gone' | 'lease_lost'> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await completeJob(trx, { id: job.id, workerId: job.workerId, now }))) return 'lease_lost';
    const alert = await findAlert(trx, { id: alertId });
    if (alert === null) return 'gone';
    const settings = (await readEmergencySettings(trx, [alert.deskId])).get(alert.deskId);
    return step(trx, alert, settings, now);
  });
}

/** The case's record that a timed step had nobody to write to. */
export async function recordNoContact(
  trx: HavenDb, alert: AlertRecord, now: Date, type: 'emergency_forward_no_contact' | 'emergency_fallback_no_contact',
): Promise<void> {
  await recordEvents(trx, [{ id: newId(now.getTime()), caseId: alert.caseId, at: now, actorKind: 'system', actorId: null, type, detail: null }]);
}
