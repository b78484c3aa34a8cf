// The console shares the server's pure domain rules instead of copying them, so
// labels, filters and clock states cannot drift from what the server decides.
import { CASE_STATUSES, type CaseStatus } from '../../src/domain/case-lifecycle.js';

export { isOpen } from '../../src/domain/case-lifecycle.js';

export { CATEGORIES, REPORTER_ROLES, isCategory } from '../../src/domain/categories.js';
export type { Category, ReporterRole } from '../../src/domain/categories.js';
export { SEVERITIES } from '../../src/domain/severity.js';
export type { Severity } from '../../src/domain/severity.js';
export { firstResponseState } from '../../src/domain/first-response-clock.js';
export { canOnCase, isStaffRole } from '../../src/domain/access-policy.js';
export { PROMISE_MAX_DAYS, PROMISE_MIN_LEAD_MINUTES, checkPromise } from '../../src/domain/update-promises.js';
export type { ClockState } from '../../src/domain/first-response-clock.js';
export { CASE_STATUSES as STATUSES };
export type Status = CaseStatus;

/** Narrows an untrusted string to a Status. */
export function isStatus(value: string): value is Status {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

export { PARTY_ROLES } from '../../src/domain/case-parts.js';
export type { PartyRole } from '../../src/domain/case-parts.js';

/** Timeline event types the console has labels for; others get a generic label. */
export const TIMELINE_TYPES = [
  'report_received',
  'reporter_added_information',
  'case_assigned',
  'status_changed',
  'reply_sent',
  'update_promised',
  'promised_update_due',
  'promised_update_overdue',
  'check_in_due',
  'check_in_overdue',
  'first_response_due',
  'first_response_overdue',
  'reply_owed_due',
  'reply_owed_overdue',
  'case_taken_over',
] as const;

/** A timeline event type with its own label. */
export type KnownTimelineType = (typeof TIMELINE_TYPES)[number];

/** Narrows a timeline event type to one with its own label. */
export function isKnownTimelineType(value: string): value is KnownTimelineType {
  return (TIMELINE_TYPES as readonly string[]).includes(value);
}
