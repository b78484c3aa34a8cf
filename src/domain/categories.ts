/** Report categories, in the order the intake form offers them. */
export const CATEGORIES = [
  'threat_of_violence',
  'self_harm',
  'personal_information',
  'sexual_harassment',
  'hounding',
  'hate',
  'off_site',
  'image_based_abuse',
  'other',
] as const;

/** One report category (see DESIGN.md, "Triage and routing"). */
export type Category = (typeof CATEGORIES)[number];

/** How the reporter relates to the harassment they report. */
export const REPORTER_ROLES = ['target', 'third_party', 'undisclosed'] as const;

/** The reporter's relation to the harassment; 'undisclosed' is a valid answer, not a missing one. */
export type ReporterRole = (typeof REPORTER_ROLES)[number];

/** Narrows an untrusted string (form field, database column) to a Category. */
export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** Narrows an untrusted string to a ReporterRole. */
export function isReporterRole(value: string): value is ReporterRole {
  return (REPORTER_ROLES as readonly string[]).includes(value);
}
