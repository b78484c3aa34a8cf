import { z } from 'zod';
import { STAFF_ROLES } from '../../domain/access-policy.js';

export const SignInBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export type SignInBody = z.infer<typeof SignInBody>;

/** A signed-in staff member. */
export const StaffUser = z.object({ id: z.string(), username: z.string(), role: z.enum(STAFF_ROLES) });
export type StaffUser = z.infer<typeof StaffUser>;

/** A live staff session. */
export const StaffSession = z.object({
  user: StaffUser,
  csrfToken: z.string().describe('Send as X-CSRF-Token on every request that changes something.'),
});
export type StaffSession = z.infer<typeof StaffSession>;

/** Signing out answers 204 with no body. */
export const SignedOutResponse = z.null();
