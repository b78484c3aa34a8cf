import { z } from 'zod';
import { STAFF_ROLES } from '../../domain/access-policy.js';

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
});
export type StaffSession = z.infer<typeof StaffSession>;

/** Signing out answers 204 with no body. */
export const SignedOutResponse = z.null();
