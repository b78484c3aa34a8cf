import { z } from 'zod';
import { STAFF_ROLES } from '../../domain/access-policy.js';

// Staff administration in the console: the people of the desks an admin administers, their
// invitations, roles, second factor and accounts. Desks by slug, never by id.

const Instant = z.string().describe('ISO 8601, UTC.');

/** One person, as an admin of some of their desks sees them. */
export const StaffMember = z.object({
  id: z.string(),
  username: z.string(),
  active: z.boolean().describe('False once deactivated: their sessions ended and they cannot sign in.'),
  secondFactor: z.boolean().describe('Whether they have set up TOTP.'),
  roles: z.array(z.object({ slug: z.string(), name: z.string(), role: z.enum(STAFF_ROLES) }))
    .describe('Their roles on the desks the viewer administers; roles elsewhere are not shown.'),
  sessions: z.array(z.object({ createdAt: Instant, lastSeenAt: Instant, expiresAt: Instant })).describe('Live sessions, most recently used first.'),
  failedSignIns: z.object({ count: z.number().int(), lastAt: Instant, sources: z.number().int() }).nullable()
    .describe('Failed sign-ins for their username in the last 24 hours, and from how many addresses.'),
});
export type StaffMember = z.infer<typeof StaffMember>;

/** `GET /api/v1/staff`. */
export const StaffListResponse = z.object({
  desks: z.array(z.object({ slug: z.string(), name: z.string(), requireSecondFactor: z.boolean() })),
  staff: z.array(StaffMember),
});
export type StaffListResponse = z.infer<typeof StaffListResponse>;

export const InvitationBody = z.strictObject({
  username: z.string().min(2).max(64),
  email: z.email().max(254),
  desk: z.string().min(1).max(64),
  role: z.enum(STAFF_ROLES),
});
export type InvitationBody = z.infer<typeof InvitationBody>;

export const InvitationSent = z.object({ expiresAt: Instant });
export type InvitationSent = z.infer<typeof InvitationSent>;

export const AcceptInvitationBody = z.strictObject({
  token: z.string().min(16).max(128),
  password: z.string().min(1).max(1024),
});
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>;

export const StaffParams = z.strictObject({ id: z.uuid() });
export const StaffDeskParams = z.strictObject({ id: z.uuid(), slug: z.string().min(1).max(64) });
export const DeskParams = z.strictObject({ slug: z.string().min(1).max(64) });

export const StaffRoleBody = z.strictObject({ role: z.enum(STAFF_ROLES).nullable().describe('null takes the role on this desk away.') });
export type StaffRoleBody = z.infer<typeof StaffRoleBody>;

export const StaffActiveBody = z.strictObject({ active: z.boolean() });
export type StaffActiveBody = z.infer<typeof StaffActiveBody>;

export const DeskSecondFactorBody = z.strictObject({ required: z.boolean() });
export type DeskSecondFactorBody = z.infer<typeof DeskSecondFactorBody>;

/** Changes answer 204 with no body. */
export const StaffChanged = z.null();
