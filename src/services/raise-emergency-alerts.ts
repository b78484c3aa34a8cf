import { newId } from '../shared/ids.js';
import { alertRecipients, floodMatch, FLOOD_WINDOW_MS, type RecentAlert } from '../domain/emergency.js';
import {
  holdAlerts, insertAlerts, listDeskMembers, listRecentAlerts, listRota, readEmergencySettings, type NewAlert,
} from '../db/repositories/emergency.js';
import { recordEvents, type NewEvent } from '../db/repositories/case-events.js';
import { enqueueJobs, type NewJob } from '../db/repositories/jobs.js';
import type { AuditEntry } from '../db/repositories/audit-log.js';
import type { HavenDb } from '../db/connection.js';
import {
  EMERGENCY_ALERT_EMAIL_JOB, EMERGENCY_FORWARD_JOB, type EmergencyAlertEmailPayload, type EmergencyForwardPayload,
} from './job-kinds.js';

/** An emergency report of an intake batch, written but not yet alerted. */
export interface EmergencyIntake {
  caseId: string;
  deskId: string;
  receivedAt: Date;
  /** Keyed hash of where the report came from (its contact address or client), when known. */
  sourceKey: string | null;
  /** Keyed hash of its text as the flood rule compares it (domain/emergency.ts, floodText). */
  textKey: string;
}

/**
 * Raises the alerts of an intake batch's emergency reports, in the batch's own transaction, so
 * an emergency is never durable without its alert: the alert row, one alert email job for each
 * person who should hear it (whoever is on duty on its desk; with nobody, every escalation
 * member and admin), the automatic forward when the first waiting time runs out, and the
 * timeline events. A report that joins a wave (the same source, or near-identical text, within
 * ten minutes) is grouped under the wave's first alert: no emails of its own, and its automatic
 * forward held, as is the first alert's. Returns the audit entries, for the batch to append.
 */
export async function raiseEmergencyAlerts(trx: HavenDb, items: EmergencyIntake[]): Promise<AuditEntry[]> {
  if (items.length === 0) return [];
  const deskIds = [...new Set(items.map((i) => i.deskId))];
  const earliest = Math.min(...items.map((i) => i.receivedAt.getTime()));
  const [settings, members, rota, recentRows] = [
    await readEmergencySettings(trx, deskIds), await listDeskMembers(trx, deskIds), await listRota(trx, deskIds),
    await listRecentAlerts(trx, deskIds, new Date(earliest - FLOOD_WINDOW_MS)),
  ];
  const recent = new Map<string, RecentAlert[]>(deskIds.map((id) => [id, recentRows.filter((r) => r.deskId === id)]));
  const alerts: NewAlert[] = [];
  const events: NewEvent[] = [];
  const jobs: NewJob[] = [];
  const audit: AuditEntry[] = [];
  const toHold = new Map<string, 'same_source' | 'same_text'>();
  for (const item of items) {
    const now = item.receivedAt;
    const id = () => newId(now.getTime());
    const deskRecent = recent.get(item.deskId) ?? [];
    const match = floodMatch({ sourceKey: item.sourceKey, textKey: item.textKey, raisedAt: now }, deskRecent);
    const alertId = id();
    alerts.push({
      id: alertId, caseId: item.caseId, deskId: item.deskId, raisedAt: now, sourceKey: item.sourceKey, textKey: item.textKey,
      groupId: match?.groupId ?? null, floodReason: match?.reason ?? null, held: match !== null,
    });
    deskRecent.unshift({ id: alertId, groupId: match?.groupId ?? null, raisedAt: now, sourceKey: item.sourceKey, textKey: item.textKey });
    if (match !== null) {
      const grouped = deskRecent.filter((r) => r.id === match.groupId || r.groupId === match.groupId).length;
      toHold.set(match.groupId, match.reason);
      events.push({
        id: id(), caseId: item.caseId, at: now, actorKind: 'system', actorId: null,
        type: match.reason === 'same_source' ? 'emergency_flood_same_source' : 'emergency_flood_same_text', detail: { grouped },
      });
      audit.push({ at: now, actorKind: 'system', actorId: null, action: 'case.emergency_alert_raised', caseId: item.caseId, detail: { alertId, recipients: 0, grouped: true } });
      continue;
    }
    const desk = settings.get(item.deskId);
    const deskMembers = members.get(item.deskId) ?? [];
    const recipients = new Set(alertRecipients(deskMembers, rota.get(item.deskId) ?? [], desk?.anyRoleOnDuty ?? false, now));
    const withEmail = deskMembers.filter((m) => recipients.has(m.id) && m.hasEmail);
    for (const member of withEmail) {
      const payload: EmergencyAlertEmailPayload = { caseId: item.caseId, alertId, staffId: member.id };
      jobs.push({ id: id(), kind: EMERGENCY_ALERT_EMAIL_JOB, payload, runAt: now, maxAttempts: 12 });
    }
    const forward: EmergencyForwardPayload = { alertId };
    const forwardAfter = (desk?.forwardAfterMinutes ?? 15) * 60_000;
    jobs.push({ id: id(), kind: EMERGENCY_FORWARD_JOB, payload: forward, runAt: new Date(now.getTime() + forwardAfter), maxAttempts: 12 });
    events.push({ id: id(), caseId: item.caseId, at: now, actorKind: 'system', actorId: null, type: 'emergency_alert_raised', detail: { recipients: withEmail.length } });
    audit.push({ at: now, actorKind: 'system', actorId: null, action: 'case.emergency_alert_raised', caseId: item.caseId, detail: { alertId, recipients: withEmail.length, grouped: false } });
  }
  await insertAlerts(trx, alerts);
  // The first alert of each wave is held too, unless its packet already went.
  const latest = new Date(Math.max(...items.map((i) => i.receivedAt.getTime())));
  for (const [groupId, reason] of toHold) {
    for (const held of await holdAlerts(trx, [groupId], reason)) {
      events.push({ id: newId(latest.getTime()), caseId: held.caseId, at: latest, actorKind: 'system', actorId: null, type: 'emergency_forward_held', detail: null });
    }
  }
  await recordEvents(trx, events);
  await enqueueJobs(trx, jobs, latest);
  return audit;
}
