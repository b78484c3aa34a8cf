import type { StaffRole } from '../../../src/domain/access-policy.js';
import { createStaffUser } from '../../../src/services/create-staff-user.js';
import type { SignedIn, TestApp } from '../test-app.js';
import type { FactoryTarget } from './target.js';

/** Overrides for `makeStaff`; a handler with a made-up name and password by default. */
export interface StaffOverrides {
  role?: StaffRole;
  username?: string;
  password?: string;
  /** Where reminders reach them; sealed by the service. */
  email?: string;
  /** Disabled after creation, as an administrator would. */
  disabled?: boolean;
}

export interface MadeStaff { id: string; username: string; password: string; role: StaffRole }

let counter = 0;

/** A staff account made by the same service as `haven user add`. */
export async function makeStaff(t: FactoryTarget, overrides: StaffOverrides = {}): Promise<MadeStaff> {
  counter += 1;
  const role = overrides.role ?? 'handler';
  const username = overrides.username ?? `made-${role}-${counter}`;
  const password = overrides.password ?? `long enough password ${username}`;
  const user = await createStaffUser(t.ctx, { username, role, password, ...(overrides.email === undefined ? {} : { email: overrides.email }) }, null);
  if (overrides.disabled === true) await disableStaff(t, user.id);
  return { id: user.id, username, password, role };
}

/** Disables an account; no service does this yet. */
export async function disableStaff(t: FactoryTarget, staffId: string): Promise<void> {
  await t.ctx.db.updateTable('staff_users').set({ disabled: 1 }).where('id', '=', staffId).execute();
}

/** Signs a made account in through the API, as the console does. */
export async function signInStaff(t: TestApp, staff: MadeStaff): Promise<SignedIn> {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: staff.username, password: staff.password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'haven_staff');
  if (cookie === undefined) throw new Error('no session cookie');
  return { cookie: `haven_staff=${cookie.value}`, csrfToken: response.json<{ csrfToken: string }>().csrfToken, userId: staff.id, username: staff.username };
}
