import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { acknowledgeAlerts, findAlert, readEmergencySettings } from '../db/repositories/emergency.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { loadCaseFor } from './case-access.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';
import { alertView, type AlertView } from './emergency-alert-view.js';

/**
 * A staff member acknowledges a case's emergency alert: a person has it. The alarm clears in
 * every console and the automatic forward will not go. Acknowledging the first alert of a wave
 * acknowledges the wave's alarm (every alert grouped under it). Distinct from the case status
 * `acknowledged`, which only a reply to the reporter sets. Recorded on each case's timeline and
 * audited; an alert already acknowledged, or a case without one, is a conflict.
 */
export async function acknowledgeEmergencyAlert(ctx: ServiceContext, actor: Actor, reference: string): Promise<AlertView> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference });
    const alert = await findAlert(trx, { caseId: kase.id });
    if (alert === null) throw new AppError('conflict', 'This case raised no emergency alert.');
    const acknowledged = await acknowledgeAlerts(trx, { alertId: alert.id, wholeWave: alert.groupId === null, by: actor.id, at: now });
    if (acknowledged.length === 0) throw new AppError('conflict', 'Someone has already acknowledged this alert.');
    await recordEvents(trx, acknowledged.map((a) => ({
      id: newId(now.getTime()), caseId: a.caseId, at: now, actorKind: 'staff' as const, actorId: actor.id, type: 'emergency_alert_acknowledged' as const, detail: null,
    })));
    for (const a of acknowledged) {
      await appendAudit(trx, auditChain(ctx), {
        at: now, actorKind: 'staff', actorId: actor.id, action: 'case.emergency_alert_acknowledged', caseId: a.caseId,
        detail: { alertId: a.id, wave: acknowledged.length },
      });
    }
    const after = await findAlert(trx, { caseId: kase.id });
    if (after === null) throw new Error('The alert vanished inside its own transaction.');
    return alertView(after, (await readEmergencySettings(trx, [kase.deskId])).get(kase.deskId));
  });
}
