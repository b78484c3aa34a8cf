// The console shares the server's pure domain rules instead of copying them, so
// labels, filters and clock states cannot drift from what the server decides.
import { CASE_STATUSES, type CaseStatus } from '../../src/domain/case-lifecycle.js';

export { isOpen } from '../../src/domain/case-lifecycle.js';

export { CATEGORIES, REPORTER_ROLES, isCategory } from '../../src/domain/categories.js';
export type { Category, ReporterRole } from '../../src/domain/categories.js';
export { SEVERITIES } from '../../src/domain/severity.js';
export type { Severity } from '../../src/domain/severity.js';
export { firstResponseState } from '../../src/domain/first-response-clock.js';
export { canOnCase, canOnDesk, isStaffRole } from '../../src/domain/access-policy.js';
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
export { eventFields } from '../../src/domain/case-events.js';
export type { EventFieldKind, EventFieldValues } from '../../src/domain/case-events.js';
export { DEFAULT_VENUE_IDS } from '../../src/domain/routing-rules.js';
export { TENURES } from '../../src/domain/routing.js';
export { SIGN_OFF_DECISIONS } from '../../src/domain/review.js';
export { TEMPLATE_PURPOSES, fillTemplate, replyTemplateValues, templateBlanks } from '../../src/domain/reply-templates.js';
export type { TemplatePurpose } from '../../src/domain/reply-templates.js';
export { OUTCOMES } from '../../src/domain/case-lifecycle.js';
export type { Outcome } from '../../src/domain/case-lifecycle.js';
export { SANCTION_KINDS, sanctionHasExpiry } from '../../src/domain/closing-actions.js';
export type { SanctionKind } from '../../src/domain/closing-actions.js';
export { CONTAINMENT_CHECKLIST } from '../../src/domain/routing-rules.js';
export { CONSENT_AUDIENCES, CONSENT_SUBJECTS, CONSENTING_ROLES } from '../../src/domain/consent.js';
export type { ConsentAudience, ConsentSubject } from '../../src/domain/consent.js';
