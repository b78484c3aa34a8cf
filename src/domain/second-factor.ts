import type { StaffRole } from './access-policy.js';

// When a staff member must give a second factor, and what a session still lacks. Admins need
// one always: they hold the keys to everyone else's access. A desk's admins may require it of
// every role on their desk.

/** TOTP as RFC 6238 with the parameters every authenticator app understands. */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now, for clocks a little out of step. */
export const TOTP_WINDOW_STEPS = 1;
/** Recovery codes issued at each enrolment; each works once. */
export const RECOVERY_CODE_COUNT = 10;

/** What a session still needs before the console opens: nothing, a code, or enrolment. */
export const SECOND_FACTOR_STATES = ['ok', 'code_required', 'enrol_required'] as const;
export type SecondFactorState = (typeof SECOND_FACTOR_STATES)[number];

/** Whether someone with these roles must have a second factor: admin anywhere, or any role on a desk that requires it. */
export function secondFactorRequired(roles: ReadonlyMap<string, StaffRole>, desksRequiring: ReadonlySet<string>): boolean {
  for (const [deskId, role] of roles) if (role === 'admin' || desksRequiring.has(deskId)) return true;
  return false;
}

/**
 * What a session lacks. Someone enrolled gives their code in every session, required or not:
 * enrolling is a promise that the password alone no longer opens the account.
 */
export function secondFactorState(input: { enrolled: boolean; givenInSession: boolean; required: boolean }): SecondFactorState {
  if (input.enrolled) return input.givenInSession ? 'ok' : 'code_required';
  return input.required ? 'enrol_required' : 'ok';
}

/** The default staff idle timeout: a console left open this long signs itself out. */
export const STAFF_IDLE_DEFAULT_MINUTES = 30;

/** Whether a session last used at `lastSeenAt` has been idle too long. */
export function isIdle(lastSeenAt: Date, now: Date, idleMinutes: number): boolean {
  return now.getTime() - lastSeenAt.getTime() >= idleMinutes * 60_000;
}
