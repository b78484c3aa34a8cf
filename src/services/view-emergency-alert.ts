import type { Actor } from '../domain/access-policy.js';
import { findAlert, readEmergencySettings } from '../db/repositories/emergency.js';
import { loadCaseFor } from './case-access.js';
import type { ServiceContext } from './context.js';
import { alertView, type AlertView } from './emergency-alert-view.js';

/** A case's emergency alert, for whoever may open the case; null when the case raised none. */
export async function viewEmergencyAlert(ctx: ServiceContext, actor: Actor, reference: string): Promise<AlertView | null> {
  const kase = await loadCaseFor(ctx.db, actor, 'case.view', { reference });
  const alert = await findAlert(ctx.db, { caseId: kase.id });
  if (alert === null) return null;
  return alertView(alert, (await readEmergencySettings(ctx.db, [kase.deskId])).get(kase.deskId));
}
