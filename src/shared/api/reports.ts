import { z } from 'zod';
import { ReportInputSchema } from '../report-input.js';

/** The report itself: the same rule as the form at /report, which shares it. */
export const ReportBody = ReportInputSchema;
export type ReportBody = z.input<typeof ReportBody>;

/**
 * An Idempotency-Key (IETF draft "The Idempotency-Key HTTP Header Field"): a Structured Field
 * String, so in double quotes, holding 16 to 255 letters, digits or `-._~+/=:`. A UUIDv4 or
 * 128 random bits in base64url fit; the length keeps out keys too short to be unguessable.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^"([A-Za-z0-9._~+/=:-]{16,255})"$/;

export const ReportHeaders = z.looseObject({
  'idempotency-key': z.string()
    .regex(IDEMPOTENCY_KEY_PATTERN, { message: 'Must be a quoted string of 16 to 255 letters, digits or -._~+/=:, e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324".' })
    .optional()
    .describe('Optional. A key of your own per report (a UUID, in double quotes). Sending the same key with the same report again, for 24 hours, files nothing new and answers the same reference (and the access code, for 15 minutes after filing). The same key with another report answers 422; while the first request with the key is still being processed, 409.'),
});

export const ReportCreatedResponse = z.object({
  reference: z.string().describe('The case reference, HV-YYYY-NNNNNN.'),
  accessCode: z.string().optional()
    .describe('The reporter access code, in groups of four. Haven keeps only its hash, and, sealed, a copy for retries with the same Idempotency-Key during 15 minutes; absent on a later retry.'),
  note: z.string().optional().describe('Present when the access code is absent: why.'),
});
export type ReportCreatedResponse = z.infer<typeof ReportCreatedResponse>;
