import { z } from 'zod';
import { ReportInputSchema } from '../report-input.js';

/** The report itself: the same rule as the form at /report, which shares it. */
export const ReportBody = ReportInputSchema;
export type ReportBody = z.input<typeof ReportBody>;

export const ReportCreatedResponse = z.object({
  reference: z.string().describe('The case reference, HV-YYYY-NNNNNN.'),
  accessCode: z.string().describe('The reporter access code. Shown once; Haven keeps only its hash.'),
});
export type ReportCreatedResponse = z.infer<typeof ReportCreatedResponse>;
