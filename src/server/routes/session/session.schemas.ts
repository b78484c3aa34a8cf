import { z } from 'zod';

export const SignInBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

export const SessionResponse = z.object({
  user: z.object({ id: z.string(), username: z.string(), role: z.string() }),
  csrfToken: z.string().describe('Send as X-CSRF-Token on every request that changes something.'),
});
