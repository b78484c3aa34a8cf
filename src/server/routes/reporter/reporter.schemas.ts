import { z } from 'zod';

export const ReporterSignInBody = z.strictObject({ accessCode: z.string().min(1).max(100) });

export const ReporterSessionResponse = z.object({
  reference: z.string(),
  csrfToken: z.string().describe('Send as X-CSRF-Token when adding information.'),
  expiresAt: z.string(),
});

export const ReporterCaseResponse = z.object({
  case: z.object({
    reference: z.string(),
    status: z.string(),
    receivedAt: z.string(),
    firstResponseDueAt: z.string(),
    nextUpdateDueAt: z.string().nullable(),
    messages: z.array(z.object({ id: z.string(), from: z.enum(['staff', 'reporter']), body: z.string(), at: z.string() })),
  }),
});
