import { z } from 'zod';
import { CASE_STATUSES } from '../../domain/case-lifecycle.js';
import { MESSAGE_AUTHOR_KINDS } from '../../domain/case-parts.js';
import { ReporterUpdateSchema } from '../reporter-update.js';

export const ReporterSignInBody = z.strictObject({ accessCode: z.string().min(1).max(100) });
export type ReporterSignInBody = z.infer<typeof ReporterSignInBody>;

export const ReporterSessionResponse = z.object({
  reference: z.string(),
  csrfToken: z.string().describe('Send as X-CSRF-Token when adding information.'),
  expiresAt: z.string(),
});
export type ReporterSessionResponse = z.infer<typeof ReporterSessionResponse>;

/** The reporter's view of their case: status, dates and their own thread, nothing else. */
export const ReporterCaseResponse = z.object({
  case: z.object({
    reference: z.string(),
    status: z.enum(CASE_STATUSES),
    receivedAt: z.string(),
    firstResponseDueAt: z.string(),
    nextUpdateDueAt: z.string().nullable(),
    messages: z.array(z.object({ id: z.string(), from: z.enum(MESSAGE_AUTHOR_KINDS), body: z.string(), at: z.string() })),
  }),
});
export type ReporterCaseResponse = z.infer<typeof ReporterCaseResponse>;

/** More information for the case: the same rule as the form on /status, which shares it. */
export const ReporterUpdateBody = ReporterUpdateSchema;
export type ReporterUpdateBody = z.input<typeof ReporterUpdateBody>;

export const ReporterUpdateCreatedResponse = z.object({ ok: z.literal(true) });
export type ReporterUpdateCreatedResponse = z.infer<typeof ReporterUpdateCreatedResponse>;
