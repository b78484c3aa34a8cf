import { z } from 'zod';
import { CATEGORIES } from '../../domain/categories.js';
import { AVAILABILITIES, MAX_WAIT_MINUTES, MIN_WAIT_MINUTES } from '../../domain/emergency.js';
import { isDeskSlug } from '../../domain/desks.js';

// The emergency API's shapes (issue 9): the alarm, a case's alert, duty, a desk's settings.

const Instant = z.string().describe('ISO 8601, UTC');
const DeskName = z.object({ slug: z.string(), name: z.string() });
const FloodReason = z.enum(['same_source', 'same_text']);

/** A case's emergency alert and what became of it. */
export const EmergencyAlert = z.object({
  raisedAt: Instant,
  acknowledgedAt: Instant.nullable(),
  acknowledgedBy: z.string().nullable(),
  /** When the packet goes by itself, while that is still to come (not acknowledged, held or forwarded). */
  autoForwardAt: Instant.nullable(),
  /** Part of a wave: the automatic forward is held. */
  held: z.boolean(),
  floodReason: FloodReason.nullable(),
  /** With the first alert of a wave: how many alerts the wave holds. */
  waveSize: z.number().int().positive(),
  forwardedAt: Instant.nullable(),
  confirmedAt: Instant.nullable(),
  fallbackAt: Instant.nullable(),
  /** Whether the desk has an emergency contact the packet can go to. */
  hasContact: z.boolean(),
});
export type EmergencyAlert = z.infer<typeof EmergencyAlert>;

export const EmergencyAlertResponse = z.object({ alert: EmergencyAlert.nullable() });
export type EmergencyAlertResponse = z.infer<typeof EmergencyAlertResponse>;

/** Acknowledging and forwarding take no body; Fastify hands an absent one to the schema as null. */
export const EmptyBody = z.strictObject({}).nullish();

/** One alarm: an unacknowledged alert, or a wave of them grouped under its first. */
export const Alarm = z.object({
  reference: z.string(), desk: DeskName, category: z.enum(CATEGORIES), raisedAt: Instant,
  count: z.number().int().positive(), floodReason: FloodReason.nullable(), held: z.boolean(),
});
export type Alarm = z.infer<typeof Alarm>;

export const AlarmsResponse = z.object({ alarms: z.array(Alarm) });
export type AlarmsResponse = z.infer<typeof AlarmsResponse>;

/** Who is on duty on each of the viewer's desks, and the viewer's own word there. */
export const DutyResponse = z.object({
  desks: z.array(z.object({
    desk: DeskName,
    onDuty: z.array(z.string()),
    me: z.object({ availability: z.enum(AVAILABILITIES), eligible: z.boolean() }),
  })),
});
export type DutyResponse = z.infer<typeof DutyResponse>;

export const DeskParams = z.strictObject({
  desk: z.string().max(40).refine(isDeskSlug, { message: 'A desk is named by its slug.' }),
});

export const DutyBody = z.strictObject({ availability: z.enum(AVAILABILITIES) });
export type DutyBody = z.infer<typeof DutyBody>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'A time like 08:00 (UTC).' });
const Minutes = z.number().int().min(MIN_WAIT_MINUTES).max(MAX_WAIT_MINUTES);

/** One slot of the weekly rota: a weekday (0 Sunday … 6 Saturday), start and end in UTC. */
export const RotaSlotBody = z.strictObject({
  username: z.string().min(1).max(100), weekday: z.number().int().min(0).max(6), start: HHMM, end: HHMM,
}).refine((s) => s.start < s.end, { message: 'A slot ends after it starts.', path: ['end'] });

export const EmergencySettingsBody = z.strictObject({
  contactEmail: z.email({ message: 'An email address like name@example.org.' }).max(254).nullable(),
  fallbackEmail: z.email({ message: 'An email address like name@example.org.' }).max(254).nullable(),
  forwardAfterMinutes: Minutes,
  fallbackAfterMinutes: Minutes,
  anyRoleOnDuty: z.boolean(),
  rota: z.array(RotaSlotBody).max(200),
});
export type EmergencySettingsBody = z.infer<typeof EmergencySettingsBody>;

export const EmergencySettings = z.object({
  desk: DeskName,
  contactEmail: z.string().nullable(),
  fallbackEmail: z.string().nullable(),
  forwardAfterMinutes: z.number().int(),
  fallbackAfterMinutes: z.number().int(),
  anyRoleOnDuty: z.boolean(),
  rota: z.array(z.object({ username: z.string(), weekday: z.number().int(), start: z.string(), end: z.string() })),
  /** The desk's members, for choosing whom to put on the rota. */
  members: z.array(z.object({ username: z.string(), role: z.string() })),
});
export type EmergencySettings = z.infer<typeof EmergencySettings>;
