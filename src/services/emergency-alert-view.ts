import type { AlertRecord, EmergencySettingsRow } from '../db/repositories/emergency.js';

/** What a case's alert looks like to the desk: its state, and when the packet goes by itself. */
export interface AlertView {
  raisedAt: Date; acknowledgedAt: Date | null; acknowledgedBy: string | null; autoForwardAt: Date | null; held: boolean;
  floodReason: AlertRecord['floodReason']; waveSize: number; forwardedAt: Date | null; confirmedAt: Date | null; fallbackAt: Date | null;
  hasContact: boolean;
}

/** The alert as the case page shows it. */
export function alertView(alert: AlertRecord, settings: EmergencySettingsRow | undefined): AlertView {
  const pending = alert.acknowledgedAt === null && alert.forwardedAt === null && !alert.held;
  return {
    raisedAt: alert.raisedAt, acknowledgedAt: alert.acknowledgedAt, acknowledgedBy: alert.acknowledgedByUsername,
    autoForwardAt: pending ? new Date(alert.raisedAt.getTime() + (settings?.forwardAfterMinutes ?? 15) * 60_000) : null,
    held: alert.held, floodReason: alert.floodReason, waveSize: alert.groupSize, forwardedAt: alert.forwardedAt,
    confirmedAt: alert.confirmedAt, fallbackAt: alert.fallbackAt, hasContact: settings?.contactEmailEnc != null,
  };
}
