import { canOnCase, desksOf, type Actor } from '../domain/access-policy.js';
import type { Category } from '../domain/categories.js';
import type { FloodReason } from '../domain/emergency.js';
import { listOpenAlerts } from '../db/repositories/emergency.js';
import { recusedStaffByCase } from '../db/repositories/recusals.js';
import type { ServiceContext } from './context.js';

export interface AlarmView {
  reference: string; desk: { slug: string; name: string }; category: Category; raisedAt: Date; count: number;
  floodReason: FloodReason | null; held: boolean;
}

/**
 * The alarm of every console: the unacknowledged alerts of the desks where the viewer holds a
 * role, those whose cases they may see, oldest first; a wave is one alarm with its count.
 * Read from the database on each call, so every instance of Haven answers the same.
 */
export async function listAlarms(ctx: ServiceContext, actor: Actor): Promise<AlarmView[]> {
  const alerts = await listOpenAlerts(ctx.db, desksOf(actor));
  const recused = await recusedStaffByCase(ctx.db, [...new Set(alerts.map((a) => a.caseId))]);
  const open = alerts.filter((a) => canOnCase(actor, 'case.view', {
    deskId: a.deskId, restrictedToGroup: a.restrictedToGroup, severity: 'emergency', recusedStaff: recused.get(a.caseId) ?? [],
  }));
  const alarms = new Map<string, AlarmView>();
  for (const alert of open) {
    const key = alert.groupId ?? alert.id;
    const existing = alarms.get(key);
    if (existing !== undefined) {
      existing.count += 1;
      existing.held ||= alert.held;
      existing.floodReason ??= alert.floodReason;
      continue;
    }
    alarms.set(key, {
      reference: alert.reference, desk: alert.desk, category: alert.category, raisedAt: alert.raisedAt, count: 1,
      floodReason: alert.floodReason, held: alert.held,
    });
  }
  return [...alarms.values()];
}
