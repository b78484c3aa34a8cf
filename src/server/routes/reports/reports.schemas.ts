import { z } from 'zod';

export const ReportCreatedResponse = z.object({
  reference: z.string().describe('The case reference, HV-YYYY-NNNNNN.'),
  accessCode: z.string().describe('The reporter access code. Shown once; Haven keeps only its hash.'),
});
