import { z } from 'zod';

// Control characters other than tab and line breaks are never meaningful in a report, and
// PostgreSQL refuses NUL outright; lone surrogates cannot be stored as UTF-8. Reject both
// at the boundary so a request either stores faithfully or fails clearly.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A string that is well-formed Unicode with no stray control characters. */
export function cleanText(max: number, min = 0) {
  return z
    .string()
    .max(max, { message: `Must be at most ${max} characters.` })
    .refine((s) => s.isWellFormed(), { message: 'Contains characters that are not valid text.' })
    .refine((s) => !FORBIDDEN_CONTROL.test(s), { message: 'Contains control characters.' })
    .refine((s) => s.trim().length >= min, {
      message: min <= 1 ? 'This is required.' : `Must be at least ${min} characters.`,
    });
}

/** An absolute http(s) URL. */
export function httpUrl(max = 2000) {
  return cleanText(max, 1)
    .transform((s) => s.trim())
    .refine((s) => {
      try {
        const url = new URL(s);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
      } catch {
        return false;
      }
    }, { message: 'Must be a web address starting with https:// or http://.' });
}
