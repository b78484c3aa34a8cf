// References are read aloud on the phone and typed from emails, so the shape is fixed:
// HV-<four-digit year>-<six-digit sequence>. Strictness here means a mistyped reference
// finds nothing rather than someone else's case.
const REFERENCE_PATTERN = /^HV-(\d{4})-(\d{6})$/;

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const MAX_SEQUENCE = 999_999;

/** Formats a public case reference such as `HV-2026-000123`. */
export function formatCaseReference(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Case reference year must be a four-digit integer, got ${year}`);
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`Case reference sequence must be an integer from 1 to ${MAX_SEQUENCE}, got ${sequence}`);
  }
  return `HV-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Parses a case reference; null for anything `formatCaseReference` could not have produced.
 * No trimming or case folding: callers that accept user input normalise it first, on purpose.
 */
export function parseCaseReference(text: string): { year: number; sequence: number } | null {
  const match = REFERENCE_PATTERN.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const sequence = Number(match[2]);
  // The pattern admits year 0000–0999 and sequence 000000, which are never issued.
  if (year < MIN_YEAR || sequence < 1) return null;
  return { year, sequence };
}
