import { isStaffRole } from '../../domain/access-policy.js';
import { isCategory, type Category } from '../../domain/categories.js';
import {
  AVAILABILITIES, DEFAULT_FALLBACK_AFTER_MINUTES, DEFAULT_FORWARD_AFTER_MINUTES,
  type Availability, type DutyMember, type FloodReason, type RecentAlert, type RotaSlot,
} from '../../domain/emergency.js';
import type { HavenDb } from '../connection.js';
import { toDate, toDateOrNull } from '../schema.js';
import { storedValue, storedValueOrNull } from './stored-value.js';

// Emergencies (migration 0013): a desk's settings, duty and rota, and the alerts themselves.

const isAvailability = (v: string): v is Availability => (AVAILABILITIES as readonly string[]).includes(v);
const isFloodReason = (v: string): v is FloodReason => v === 'same_source' || v === 'same_text';

/** A desk's emergency settings; the contacts stay sealed here. */
export interface EmergencySettingsRow {
  deskId: string; contactEmailEnc: string | null; fallbackEmailEnc: string | null;
  forwardAfterMinutes: number; fallbackAfterMinutes: number; anyRoleOnDuty: boolean;
}

/** The settings of each of these desks; a desk without a row gets the defaults and no contacts. */
export async function readEmergencySettings(db: HavenDb, deskIds: string[]): Promise<Map<string, EmergencySettingsRow>> {
  const result = new Map<string, EmergencySettingsRow>(deskIds.map((deskId) => [deskId, {
    deskId, contactEmailEnc: null, fallbackEmailEnc: null, forwardAfterMinutes: DEFAULT_FORWARD_AFTER_MINUTES,
    fallbackAfterMinutes: DEFAULT_FALLBACK_AFTER_MINUTES, anyRoleOnDuty: false,
  }]));
  if (deskIds.length === 0) return result;
  const rows = await db.selectFrom('desk_emergency_settings')
    .select(['desk_id', 'contact_email_enc', 'fallback_email_enc', 'forward_after_minutes', 'fallback_after_minutes', 'any_role_on_duty'])
    .where('desk_id', 'in', deskIds).execute();
  for (const r of rows) {
    result.set(r.desk_id, {
      deskId: r.desk_id, contactEmailEnc: r.contact_email_enc, fallbackEmailEnc: r.fallback_email_enc,
      forwardAfterMinutes: r.forward_after_minutes, fallbackAfterMinutes: r.fallback_after_minutes, anyRoleOnDuty: r.any_role_on_duty === 1,
    });
  }
  return result;
}

/** Writes a desk's settings whole. */
export async function saveEmergencySettings(db: HavenDb, row: EmergencySettingsRow & { at: Date; by: string }): Promise<void> {
  const values = {
    contact_email_enc: row.contactEmailEnc, fallback_email_enc: row.fallbackEmailEnc, forward_after_minutes: row.forwardAfterMinutes,
    fallback_after_minutes: row.fallbackAfterMinutes, any_role_on_duty: row.anyRoleOnDuty ? 1 : 0, updated_at: row.at.toISOString(), updated_by: row.by,
  };
  await db.insertInto('desk_emergency_settings').values({ desk_id: row.deskId, ...values })
    .onConflict((oc) => oc.column('desk_id').doUpdateSet(values)).execute();
}

/** A desk member as duty needs them: role, own word on duty, name, and whether they left an address. */
export interface DeskMemberRow extends DutyMember { username: string; hasEmail: boolean }

/** The active staff of each desk, with their role and duty there. */
export async function listDeskMembers(db: HavenDb, deskIds: string[]): Promise<Map<string, DeskMemberRow[]>> {
  const result = new Map<string, DeskMemberRow[]>(deskIds.map((id) => [id, []]));
  if (deskIds.length === 0) return result;
  const rows = await db.selectFrom('staff_desk_roles')
    .innerJoin('staff_users', 'staff_users.id', 'staff_desk_roles.user_id')
    .leftJoin('staff_duty', (join) => join.onRef('staff_duty.user_id', '=', 'staff_desk_roles.user_id').onRef('staff_duty.desk_id', '=', 'staff_desk_roles.desk_id'))
    .select(['staff_desk_roles.desk_id', 'staff_users.id', 'staff_users.username', 'staff_desk_roles.role', 'staff_duty.availability', 'staff_users.email_enc'])
    .where('staff_desk_roles.desk_id', 'in', deskIds)
    .where('staff_users.disabled', '=', 0)
    .orderBy('staff_users.username')
    .execute();
  for (const r of rows) {
    result.get(r.desk_id)?.push({
      id: r.id, username: r.username, role: storedValue(r.role, isStaffRole, 'staff_desk_roles.role'),
      availability: storedValueOrNull(r.availability, isAvailability, 'staff_duty.availability') ?? 'rota', hasEmail: r.email_enc !== null,
    });
  }
  return result;
}

/** Records a staff member's own word on their duty on a desk. */
export async function setDuty(db: HavenDb, input: { userId: string; deskId: string; availability: Availability; at: Date }): Promise<void> {
  const values = { availability: input.availability, updated_at: input.at.toISOString() };
  await db.insertInto('staff_duty').values({ user_id: input.userId, desk_id: input.deskId, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'desk_id']).doUpdateSet(values)).execute();
}

/** The rota of each desk. */
export async function listRota(db: HavenDb, deskIds: string[]): Promise<Map<string, (RotaSlot & { username: string })[]>> {
  const result = new Map<string, (RotaSlot & { username: string })[]>(deskIds.map((id) => [id, []]));
  if (deskIds.length === 0) return result;
  const rows = await db.selectFrom('desk_rota').innerJoin('staff_users', 'staff_users.id', 'desk_rota.user_id')
    .select(['desk_rota.desk_id', 'desk_rota.user_id', 'staff_users.username', 'desk_rota.weekday', 'desk_rota.start_minute', 'desk_rota.end_minute'])
    .where('desk_rota.desk_id', 'in', deskIds)
    .orderBy('desk_rota.weekday').orderBy('desk_rota.start_minute').orderBy('staff_users.username')
    .execute();
  for (const r of rows) {
    result.get(r.desk_id)?.push({ staffId: r.user_id, username: r.username, weekday: r.weekday, startMinute: r.start_minute, endMinute: r.end_minute });
  }
  return result;
}

/** Replaces a desk's rota. */
export async function replaceRota(db: HavenDb, deskId: string, slots: (RotaSlot & { id: string })[]): Promise<void> {
  await db.deleteFrom('desk_rota').where('desk_id', '=', deskId).execute();
  if (slots.length === 0) return;
  await db.insertInto('desk_rota').values(slots.map((s) => ({
    id: s.id, desk_id: deskId, user_id: s.staffId, weekday: s.weekday, start_minute: s.startMinute, end_minute: s.endMinute,
  }))).execute();
}

/** Alerts raised on these desks since `since`, newest first, for the flood rule. */
export async function listRecentAlerts(db: HavenDb, deskIds: string[], since: Date): Promise<(RecentAlert & { deskId: string })[]> {
  if (deskIds.length === 0) return [];
  const rows = await db.selectFrom('emergency_alerts')
    .select(['id', 'desk_id', 'group_id', 'raised_at', 'source_key', 'text_key'])
    .where('desk_id', 'in', deskIds).where('raised_at', '>=', since.toISOString())
    .orderBy('raised_at', 'desc').limit(1000).execute();
  return rows.map((r) => ({ id: r.id, deskId: r.desk_id, groupId: r.group_id, raisedAt: toDate(r.raised_at), sourceKey: r.source_key, textKey: r.text_key }));
}

export interface NewAlert {
  id: string; caseId: string; deskId: string; raisedAt: Date; sourceKey: string | null; textKey: string;
  groupId: string | null; floodReason: FloodReason | null; held: boolean;
}

/** Inserts alerts in the caller's transaction (the report's own). */
export async function insertAlerts(db: HavenDb, alerts: NewAlert[]): Promise<void> {
  if (alerts.length === 0) return;
  await db.insertInto('emergency_alerts').values(alerts.map((a) => ({
    id: a.id, case_id: a.caseId, desk_id: a.deskId, raised_at: a.raisedAt.toISOString(), source_key: a.sourceKey, text_key: a.textKey,
    group_id: a.groupId, flood_reason: a.floodReason, held: a.held ? 1 : 0,
  }))).execute();
}

/** Holds the automatic forward of these alerts (the first of a wave, once a second joins it); returns those newly held. */
export async function holdAlerts(db: HavenDb, alertIds: string[], reason: FloodReason): Promise<{ id: string; caseId: string }[]> {
  if (alertIds.length === 0) return [];
  return (await db.updateTable('emergency_alerts').set({ held: 1, flood_reason: reason })
    .where('id', 'in', alertIds).where('held', '=', 0).where('forwarded_at', 'is', null)
    .returning(['id', 'case_id']).execute()).map((r) => ({ id: r.id, caseId: r.case_id }));
}

/** An alert and what became of it. */
export interface AlertRecord {
  id: string; caseId: string; deskId: string; raisedAt: Date; groupId: string | null; floodReason: FloodReason | null; held: boolean;
  acknowledgedAt: Date | null; acknowledgedBy: string | null; acknowledgedByUsername: string | null;
  forwardedAt: Date | null; confirmedAt: Date | null; fallbackAt: Date | null;
  /** With the wave's first alert: how many alerts the wave holds, itself included. */
  groupSize: number;
}

/** The alert of a case (or by its own id), or null. */
export async function findAlert(db: HavenDb, by: { caseId: string } | { id: string }): Promise<AlertRecord | null> {
  let query = db.selectFrom('emergency_alerts').leftJoin('staff_users', 'staff_users.id', 'emergency_alerts.acknowledged_by')
    .select(['emergency_alerts.id', 'case_id', 'desk_id', 'raised_at', 'group_id', 'flood_reason', 'held', 'acknowledged_at', 'acknowledged_by',
      'staff_users.username', 'forwarded_at', 'confirmed_at', 'fallback_at']);
  query = 'caseId' in by ? query.where('case_id', '=', by.caseId) : query.where('emergency_alerts.id', '=', by.id);
  const r = await query.executeTakeFirst();
  if (r === undefined) return null;
  const grouped = await db.selectFrom('emergency_alerts').select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('group_id', '=', r.id).executeTakeFirst();
  return {
    id: r.id, caseId: r.case_id, deskId: r.desk_id, raisedAt: toDate(r.raised_at), groupId: r.group_id,
    floodReason: storedValueOrNull(r.flood_reason, isFloodReason, 'emergency_alerts.flood_reason'), held: r.held === 1,
    acknowledgedAt: toDateOrNull(r.acknowledged_at), acknowledgedBy: r.acknowledged_by, acknowledgedByUsername: r.username,
    forwardedAt: toDateOrNull(r.forwarded_at), confirmedAt: toDateOrNull(r.confirmed_at), fallbackAt: toDateOrNull(r.fallback_at),
    groupSize: 1 + Number(grouped?.n ?? 0),
  };
}

/**
 * Acknowledges an alert and, when it is the first of a wave, the wave's alarm with it. Only
 * alerts not yet acknowledged change; returns their case ids (none: someone was first).
 */
export async function acknowledgeAlerts(db: HavenDb, input: { alertId: string; wholeWave: boolean; by: string; at: Date }): Promise<{ id: string; caseId: string }[]> {
  const rows = await db.updateTable('emergency_alerts').set({ acknowledged_at: input.at.toISOString(), acknowledged_by: input.by })
    .where((eb) => (input.wholeWave ? eb.or([eb('id', '=', input.alertId), eb('group_id', '=', input.alertId)]) : eb('id', '=', input.alertId)))
    .where('acknowledged_at', 'is', null)
    .returning(['id', 'case_id']).execute();
  return rows.map((r) => ({ id: r.id, caseId: r.case_id }));
}

/** Marks an alert's packet forwarded, once: false when it already was. */
export async function markForwarded(db: HavenDb, input: { alertId: string; by: string | null; at: Date; confirmTokenHash: string }): Promise<boolean> {
  const result = await db.updateTable('emergency_alerts')
    .set({ forwarded_at: input.at.toISOString(), forwarded_by: input.by, confirm_token_hash: input.confirmTokenHash })
    .where('id', '=', input.alertId).where('forwarded_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks the packet sent to the fallback contact, once: false when it already was. */
export async function markFallback(db: HavenDb, input: { alertId: string; at: Date }): Promise<boolean> {
  const result = await db.updateTable('emergency_alerts').set({ fallback_at: input.at.toISOString() })
    .where('id', '=', input.alertId).where('fallback_at', 'is', null).where('confirmed_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Confirms receipt of a packet by its link's token hash: the alert and its case, with `first`
 * true when this call confirmed it (false: it was confirmed before); null for an unknown token.
 */
export async function confirmReceipt(db: HavenDb, input: { tokenHash: string; at: Date }): Promise<{ id: string; caseId: string; first: boolean } | null> {
  const row = await db.updateTable('emergency_alerts').set({ confirmed_at: input.at.toISOString() })
    .where('confirm_token_hash', '=', input.tokenHash).where('confirmed_at', 'is', null)
    .returning(['id', 'case_id']).executeTakeFirst();
  if (row !== undefined) return { id: row.id, caseId: row.case_id, first: true };
  const known = await db.selectFrom('emergency_alerts').select(['id', 'case_id']).where('confirm_token_hash', '=', input.tokenHash).executeTakeFirst();
  return known === undefined ? null : { id: known.id, caseId: known.case_id, first: false };
}

/** One unacknowledged alert of the alarm, with the facts the access policy needs. */
export interface OpenAlertRow {
  id: string; caseId: string; reference: string; deskId: string; desk: { slug: string; name: string }; category: Category;
  restrictedToGroup: string | null; raisedAt: Date; groupId: string | null; floodReason: FloodReason | null; held: boolean;
}

/** Unacknowledged alerts of these desks, oldest first. */
export async function listOpenAlerts(db: HavenDb, deskIds: string[]): Promise<OpenAlertRow[]> {
  if (deskIds.length === 0) return [];
  const rows = await db.selectFrom('emergency_alerts')
    .innerJoin('cases', 'cases.id', 'emergency_alerts.case_id')
    .innerJoin('desks', 'desks.id', 'emergency_alerts.desk_id')
    .select(['emergency_alerts.id', 'emergency_alerts.case_id', 'cases.reference', 'emergency_alerts.desk_id', 'desks.slug', 'desks.name',
      'cases.category', 'cases.restricted_to_group', 'emergency_alerts.raised_at', 'emergency_alerts.group_id', 'emergency_alerts.flood_reason',
      'emergency_alerts.held'])
    .where('emergency_alerts.desk_id', 'in', deskIds)
    .where('emergency_alerts.acknowledged_at', 'is', null)
    .orderBy('emergency_alerts.raised_at').orderBy('emergency_alerts.id')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id, caseId: r.case_id, reference: r.reference, deskId: r.desk_id, desk: { slug: r.slug, name: r.name },
    category: storedValue(r.category, isCategory, 'cases.category'), restrictedToGroup: r.restricted_to_group, raisedAt: toDate(r.raised_at),
    groupId: r.group_id, floodReason: storedValueOrNull(r.flood_reason, isFloodReason, 'emergency_alerts.flood_reason'), held: r.held === 1,
  }));
}
