import { z } from 'zod';
import { STAFF_ROLES } from '../../domain/access-policy.js';
import { SECOND_FACTOR_STATES } from '../../domain/second-factor.js';

export const SignInBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export type SignInBody = z.infer<typeof SignInBody>;

/** A desk the staff member works on, with their role there. */
export const StaffDesk = z.object({
  slug: z.string().describe('The desk\'s short name, as cases name it (`desk.slug`) and the queue filters by it (`?desk=`).'),
  name: z.string(),
  role: z.enum(STAFF_ROLES).describe('The role held on this desk; roles are held per desk.'),
});
export type StaffDesk = z.infer<typeof StaffDesk>;

/** A signed-in staff member. */
export const StaffUser = z.object({
  id: z.string(),
  username: z.string(),
  /** Every desk where they hold a role; the cases of other desks do not exist for them. */
  desks: z.array(StaffDesk),
});
export type StaffUser = z.infer<typeof StaffUser>;

/** A live staff session. */
export const StaffSession = z.object({
  user: StaffUser,
  csrfToken: z.string().describe('Send as X-CSRF-Token on every request that changes something.'),
  secondFactor: z.enum(SECOND_FACTOR_STATES).describe(
    'What the session still needs: `ok`; `code_required` (POST /api/v1/session/second-factor); `enrol_required` (POST /api/v1/session/totp). Until `ok`, other routes answer 403 second_factor_required.'),
  totpEnrolled: z.boolean(),
});
export type StaffSession = z.infer<typeof StaffSession>;

/** Signing out answers 204 with no body. */
export const SignedOutResponse = z.null();

/** `DELETE /api/v1/session?everywhere=true` ends every session of the person, not only this one. */
export const SignOutQuery = z.strictObject({ everywhere: z.enum(['true', 'false']).optional() });
export type SignOutQuery = z.infer<typeof SignOutQuery>;

/** The second factor: a code from the app, or one of the recovery codes. */
export const SecondFactorBody = z.union([
  z.strictObject({ code: z.string().regex(/^\s*\d{3}\s*\d{3}\s*$/, 'Six digits.') }),
  z.strictObject({ recoveryCode: z.string().min(8).max(32) }),
]);
export type SecondFactorBody = z.infer<typeof SecondFactorBody>;

/** A TOTP secret to enter in an authenticator app, as text and as an otpauth:// URI. */
export const TotpEnrolment = z.object({
  secret: z.string().describe('Base32; the console shows it in groups of four.'),
  uri: z.string().describe('otpauth://totp/… for apps that take a link or a QR code of it.'),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const TotpConfirmBody = z.strictObject({ code: z.string().regex(/^\s*\d{3}\s*\d{3}\s*$/, 'Six digits.') });
export type TotpConfirmBody = z.infer<typeof TotpConfirmBody>;

/** The recovery codes, shown once. */
export const TotpEnrolled = z.object({ recoveryCodes: z.array(z.string()) });
export type TotpEnrolled = z.infer<typeof TotpEnrolled>;
