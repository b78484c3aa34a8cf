import type { Category } from './categories.js';

/** Severities, most urgent first; the order is used for ranking. */
export const SEVERITIES = ['emergency', 'high', 'normal'] as const;

/** How urgently a case needs a first response. */
export type Severity = (typeof SEVERITIES)[number];

/** Narrows an untrusted string to a Severity. */
export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** Rank for sorting: 0 is the most urgent. */
export function severityRank(severity: Severity): number {
  switch (severity) {
    case 'emergency':
      return 0;
    case 'high':
      return 1;
    case 'normal':
      return 2;
    default: {
      const unreachable: never = severity;
      throw new Error(`Unknown severity: ${String(unreachable)}`);
    }
  }
}

/** Severity a new report starts with; a handler may change it during triage. */
export function initialSeverity(input: { category: Category; immediateDanger: boolean }): Severity {
  // The reporter's word that someone is in danger outranks the category they picked:
  // people in crisis choose categories badly, and a false alarm costs far less than a late one.
  if (input.immediateDanger) return 'emergency';
  switch (input.category) {
    case 'threat_of_violence':
    case 'self_harm':
      return 'emergency';
    // These harms spread or deepen by the hour (doxxing, intimate images), so they
    // need containment within a day even when nobody is in immediate danger.
    case 'personal_information':
    case 'sexual_harassment':
    case 'image_based_abuse':
      return 'high';
    case 'hounding':
    case 'hate':
    case 'off_site':
    case 'other':
      return 'normal';
    default: {
      const unreachable: never = input.category;
      throw new Error(`Unknown category: ${String(unreachable)}`);
    }
  }
}
