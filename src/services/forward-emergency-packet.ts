import type { Actor } from '../domain/access-policy.js';
import { findAlert, readEmergencySettings } from '../db/repositories/emergency.js';
import { loadCaseFor } from './case-access.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';
import { writeForward } from './emergency-forwarding.js';
import { alertView, type AlertView } from './emergency-alert-view.js';

/**
 * A staff member forwards a case's emergency packet to the desk's emergency contact with one
 * click (held or not: a person decided). Once per alert: a second forward, a case without an
 * alert, or a desk without a contact is a conflict and changes nothing.
 */
export async function forwardEmergencyPacket(ctx: ServiceContext, actor: Actor, reference: string): Promise<AlertView> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference });
    const alert = await findAlert(trx, { caseId: kase.id });
    if (alert === null) throw new AppError('conflict', 'This case raised no emergency alert.');
    const settings = (await readEmergencySettings(trx, [kase.deskId])).get(kase.deskId);
    if (settings?.contactEmailEnc == null) throw new AppError('conflict', 'This desk has no emergency contact. An admin of the desk can set one in the emergency settings.');
    if (!(await writeForward(ctx, trx, { alert, by: actor.id, fallbackAfterMinutes: settings.fallbackAfterMinutes, now }))) {
      throw new AppError('conflict', 'The packet has already been forwarded.');
    }
    const after = await findAlert(trx, { caseId: kase.id });
    if (after === null) throw new Error('The alert vanished inside its own transaction.');
    return alertView(after, settings);
  });
}
