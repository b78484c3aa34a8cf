// Emergencies (issue 9): which reports raise an alert, who is on duty to hear it, how long the
// desk has before the packet goes out by itself, and when a wave of reports is a flood rather
// than many emergencies. Pure rules: the clock, the stored rows and the keys come in as data.
import type { Category } from './categories.js';
import type { StaffRole } from './access-policy.js';

/** Whether a new report raises an emergency alert: the reporter's word, or a category of threat. */
export function raisesEmergencyAlert(input: { category: Category; immediateDanger: boolean }): boolean {
  return input.immediateDanger || input.category === 'threat_of_violence' || input.category === 'self_harm';
}

/** The two waiting times a desk has not set: forward after 15 minutes, fall back after 60 more. */
export const DEFAULT_FORWARD_AFTER_MINUTES = 15;
export const DEFAULT_FALLBACK_AFTER_MINUTES = 60;
/** Bounds for either waiting time: at least a minute, at most a day. */
export const MIN_WAIT_MINUTES = 1;
export const MAX_WAIT_MINUTES = 1440;

/** A staff member's own word on their duty: here, away, or as the rota says. */
export const AVAILABILITIES = ['available', 'away', 'rota'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** Whether a role may be on duty: escalation only, or any role when the desk says so. */
export function mayBeOnDuty(role: StaffRole, anyRoleOnDuty: boolean): boolean {
  return anyRoleOnDuty || role === 'escalation';
}

/** One weekly rota slot, in UTC: a weekday (0 Sunday … 6 Saturday) and minutes from its midnight. */
export interface RotaSlot { staffId: string; weekday: number; startMinute: number; endMinute: number }

export const MINUTES_PER_DAY = 1440;

/** Whether a slot is well formed: a weekday, and a start before its end within that day. */
export function isRotaSlot(slot: Omit<RotaSlot, 'staffId'>): boolean {
  return Number.isInteger(slot.weekday) && slot.weekday >= 0 && slot.weekday <= 6
    && Number.isInteger(slot.startMinute) && Number.isInteger(slot.endMinute)
    && slot.startMinute >= 0 && slot.startMinute < slot.endMinute && slot.endMinute <= MINUTES_PER_DAY;
}

/** Whether the slot covers the moment `now` (UTC). */
export function slotCovers(slot: Omit<RotaSlot, 'staffId'>, now: Date): boolean {
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
  return now.getUTCDay() === slot.weekday && minute >= slot.startMinute && minute < slot.endMinute;
}

/** A member of a desk as the duty rule needs them. */
export interface DutyMember { id: string; role: StaffRole; availability: Availability }

/**
 * Who is on duty at `now`: members whose role may be on duty, who said they are available, or
 * whom the rota names now and who did not say they are away.
 */
export function onDutyNow(members: readonly DutyMember[], rota: readonly RotaSlot[], anyRoleOnDuty: boolean, now: Date): string[] {
  const rostered = new Set(rota.filter((slot) => slotCovers(slot, now)).map((slot) => slot.staffId));
  return members
    .filter((m) => mayBeOnDuty(m.role, anyRoleOnDuty))
    .filter((m) => m.availability === 'available' || (m.availability === 'rota' && rostered.has(m.id)))
    .map((m) => m.id);
}

/**
 * Who hears an alert: whoever is on duty; with nobody on duty, every escalation member and
 * admin of the desk, so an alert never falls into silence.
 */
export function alertRecipients(members: readonly DutyMember[], rota: readonly RotaSlot[], anyRoleOnDuty: boolean, now: Date): string[] {
  const onDuty = onDutyNow(members, rota, anyRoleOnDuty, now);
  if (onDuty.length > 0) return onDuty;
  return members.filter((m) => m.role === 'escalation' || m.role === 'admin').map((m) => m.id);
}

/** How far back a report looks for others of the same wave. */
export const FLOOD_WINDOW_MS = 10 * 60_000;

/**
 * Text reduced to what makes two reports "near-identical": letters only, lower case, one space
 * between words. Digits, punctuation and spacing are what a script varies between copies.
 */
export function floodText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}]+/gu, ' ').trim();
}

/** Why alerts were grouped: the same sender, or the same words. */
export type FloodReason = 'same_source' | 'same_text';

/** An earlier alert on the same desk, as the flood rule needs it. */
export interface RecentAlert { id: string; groupId: string | null; raisedAt: Date; sourceKey: string | null; textKey: string }

/**
 * Whether a new alert joins an earlier one's wave: another alert on the desk within the window
 * from the same source, or with the same text. Joining means one alarm with a count and no
 * automatic forward; anything else is a separate emergency, never held back by the wave.
 */
export function floodMatch(
  incoming: { sourceKey: string | null; textKey: string; raisedAt: Date }, recent: readonly RecentAlert[],
): { groupId: string; reason: FloodReason } | null {
  const since = incoming.raisedAt.getTime() - FLOOD_WINDOW_MS;
  for (const alert of recent) {
    if (alert.raisedAt.getTime() < since || alert.raisedAt.getTime() > incoming.raisedAt.getTime()) continue;
    const reason: FloodReason | null = incoming.sourceKey !== null && alert.sourceKey === incoming.sourceKey ? 'same_source'
      : alert.textKey === incoming.textKey ? 'same_text' : null;
    if (reason !== null) return { groupId: alert.groupId ?? alert.id, reason };
  }
  return null;
}

/** What the automatic forward does when it comes due, from the alert's state. */
export function decideAutoForward(alert: {
  acknowledgedAt: Date | null; forwardedAt: Date | null; held: boolean; hasContact: boolean;
}): 'forward' | 'acknowledged' | 'already_forwarded' | 'held' | 'no_contact' {
  if (alert.forwardedAt !== null) return 'already_forwarded';
  if (alert.acknowledgedAt !== null) return 'acknowledged';
  if (alert.held) return 'held';
  if (!alert.hasContact) return 'no_contact';
  return 'forward';
}

/** What the fallback does when its time comes: send to the fallback contact unless receipt was confirmed. */
export function decideFallback(alert: { confirmedAt: Date | null; fallbackAt: Date | null; hasFallback: boolean }): 'send' | 'confirmed' | 'already_sent' | 'no_contact' {
  if (alert.fallbackAt !== null) return 'already_sent';
  if (alert.confirmedAt !== null) return 'confirmed';
  if (!alert.hasFallback) return 'no_contact';
  return 'send';
}
