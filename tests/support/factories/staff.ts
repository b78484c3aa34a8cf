import { randomBytes } from 'node:crypto';
import { SEALED } from '../../../src/services/context.js';
import { base32Encode } from '../../../src/services/security/totp.js';
import type { Actor, StaffRole } from '../../../src/domain/access-policy.js';
import { listDeskRolesOf } from '../../../src/db/repositories/staff-desk-roles.js';
import { createStaffUser } from '../../../src/services/create-staff-user.js';
import type { SignedIn, TestApp } from '../test-app.js';
import { deskSlug, type DeskRef } from './desks.js';
import type { FactoryTarget } from './target.js';

/** Overrides for `makeStaff`; a handler on the default desk with a made-up name and password by default. */
export interface StaffOverrides {
  /** Their role on `desk`. */
  role?: StaffRole;
  /** The desk they get the role on (a MadeDesk or a slug); default: the default desk. */
  desk?: DeskRef;
  username?: string;
  password?: string;
  /** Where reminders reach them; sealed by the service. */
  email?: string;
  /** Disabled after creation, as an administrator would. */
  disabled?: boolean;
}

export interface MadeStaff { id: string; username: string; password: string; role: StaffRole; desk: string }

let counter = 0;

/** A staff account made by the same service as `haven user add`. */
export async function makeStaff(t: FactoryTarget, overrides: StaffOverrides = {}): Promise<MadeStaff> {
  counter += 1;
  const role = overrides.role ?? 'handler';
  const username = overrides.username ?? `made-${role}-${counter}`;
  const password = overrides.password ?? `long enough password ${username}`;
  const user = await createStaffUser(t.ctx, {
    username, role, password, email: overrides.email, desk: overrides.desk === undefined ? undefined : deskSlug(overrides.desk),
  }, null);
  if (overrides.disabled === true) await disableStaff(t, user.id);
  return { id: user.id, username, password, role, desk: user.desk.slug };
}

/** Disables an account; no service does this yet. */
export async function disableStaff(t: FactoryTarget, staffId: string): Promise<void> {
  await t.ctx.db.updateTable('staff_users').set({ disabled: 1 }).where('id', '=', staffId).execute();
}

/** The actor a staff member is in the services: their roles per desk and groups, as a session loads them. */
export async function staffActor(t: FactoryTarget, staffId: string): Promise<Actor> {
  const roles = await listDeskRolesOf(t.ctx.db, staffId);
  const groups = await t.ctx.db.selectFrom('staff_group_members').select('group_id').where('user_id', '=', staffId).orderBy('group_id').execute();
  return { kind: 'staff', id: staffId, roles: new Map(roles.map((r) => [r.deskId, r.role])), groups: groups.map((g) => g.group_id) };
}

/**
 * Signs a made account in through the API, as the console does. A session that still owes a
 * second factor (admins always do) is given it behind the API's back, as if the person had
 * enrolled and typed their code: tests of other things should not each walk enrolment (the
 * second factor has its own tests, through the API). `secondFactor: 'leave'` skips that.
 */
export async function signInStaff(t: TestApp, staff: MadeStaff, options: { secondFactor?: 'pass' | 'leave' } = {}): Promise<SignedIn> {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: staff.username, password: staff.password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'haven_staff');
  if (cookie === undefined) throw new Error('no session cookie');
  const body = response.json<{ csrfToken: string; secondFactor: string }>();
  if (body.secondFactor !== 'ok' && options.secondFactor !== 'leave') await passSecondFactor(t, staff.id);
  return { cookie: `haven_staff=${cookie.value}`, csrfToken: body.csrfToken, userId: staff.id, username: staff.username };
}

/** Gives every open session of someone its second factor, enrolling a made-up secret if they had none. */
async function passSecondFactor(t: FactoryTarget, staffId: string): Promise<void> {
  const now = t.ctx.now().toISOString();
  const secret = base32Encode(randomBytes(20));
  await t.ctx.db.updateTable('staff_users').set({ totp_secret_enc: t.ctx.cipher.seal(secret, `${SEALED.totpSecret}:${staffId}`) })
    .where('id', '=', staffId).where('totp_secret_enc', 'is', null).execute();
  await t.ctx.db.updateTable('staff_sessions').set({ second_factor_at: now }).where('user_id', '=', staffId).execute();
}
