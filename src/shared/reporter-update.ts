import { z } from 'zod';
import { cleanText, httpUrl } from './text-rules.js';
import { MAX_LINKS, MAX_REPORT_TEXT } from './report-input.js';

/** More information a reporter adds to their case. */
export const ReporterUpdateSchema = z.strictObject({
  text: cleanText(MAX_REPORT_TEXT, 1),
  links: z.array(httpUrl()).max(MAX_LINKS).default([]),
});
