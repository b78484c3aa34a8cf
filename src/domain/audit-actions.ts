// The one list of what the audit log records, with the detail each action keeps. The log is
// for answering "who saw or changed what, when" later, so each detail names ids and facts,
// never a copy of what a reporter wrote.
import type { Category } from './categories.js';
import type { ReminderEventType } from './case-events.js';
import type { PartyRole } from './case-parts.js';
import type { Severity } from './severity.js';
import type { StaffRole } from './access-policy.js';

/** The detail each audit action keeps. Instants are ISO 8601 strings; ids are staff or case ids. */
export interface AuditDetails {
  'case.reported': { source: 'web' | 'api'; severity: Severity; category: Category; links: number; accounts: number };
  'case.viewed': Record<string, never>;
  'case.viewed_by_reporter': Record<string, never>;
  'case.assigned': { from: string | null; to: string };
  'case.taken_over': { from: string | null; to: string };
  'case.reply_sent': { partyRole: PartyRole; messageId: string; promisedUpdateBy: string | null };
  'case.reporter_added_information': { links: number; reopened: boolean; replyOwedBy: string | null };
  'case.reminder_sent': { reason: ReminderEventType; dueAt: string; recipients: string[] };
  'desk.created': { deskId: string; slug: string; name: string; reporterName: string };
  'reporting.counts_viewed': { from: string; to: string; publication: boolean };
  'reporter.signed_in': Record<string, never>;
  /** A reporter who lost their code was sent a single-use sign-in link (to the address they left). */
  'reporter.sign_in_link_sent': { expiresAt: string };
  'reporter.signed_in_by_link': Record<string, never>;
  /**
   * A well-formed access code matched nothing. `source` is a keyed hash of the source address
   * (never the address), `attempt` its count in the current window; `throttled` when that count
   * passed the limit, after which the source's guesses are refused unread until the window ends.
   */
  'reporter.access_code_refused': { source: string; attempt: number; throttled: boolean };
  'staff.created': { username: string; role: StaffRole; deskId: string; remindersByEmail: boolean };
  /** A role given on a desk, or changed there (`previous` is the role it replaced). */
  'staff.role_granted': { staffId: string; deskId: string; role: StaffRole; previous: StaffRole | null };
  'staff.role_revoked': { staffId: string; deskId: string; role: StaffRole };
  'staff.sign_in_failed': { username: string };
  /** A desk's admin required a training module before anyone takes its cases, or stopped requiring it. */
  'training.requirement_set': { deskId: string; moduleId: string; required: boolean };
  'staff.signed_in': Record<string, never>;
  'staff.signed_out': Record<string, never>;
}

/** Something the audit log records. */
export type AuditAction = keyof AuditDetails;

// Keyed by AuditAction, so the compiler refuses a list that misses or invents an action.
const EVERY_ACTION: Readonly<Record<AuditAction, true>> = {
  'case.reported': true, 'case.viewed': true, 'case.viewed_by_reporter': true, 'case.assigned': true, 'case.taken_over': true,
  'case.reply_sent': true, 'case.reporter_added_information': true, 'case.reminder_sent': true, 'desk.created': true,
  'reporting.counts_viewed': true, 'reporter.signed_in': true, 'reporter.sign_in_link_sent': true, 'reporter.signed_in_by_link': true,
  'reporter.access_code_refused': true,
  'staff.created': true, 'staff.role_granted': true, 'staff.role_revoked': true,
  'staff.sign_in_failed': true, 'staff.signed_in': true, 'staff.signed_out': true, 'training.requirement_set': true,
};

/** Every audit action. */
// Object.keys loses the key type; the record above has exactly the AuditAction keys.
export const AUDIT_ACTIONS = Object.keys(EVERY_ACTION) as readonly AuditAction[];

/** Who can cause an audit entry: staff, a reporter holding a code, anyone (sign-in attempts, intake), or Haven. */
export const AUDIT_ACTOR_KINDS = ['staff', 'reporter', 'system', 'public'] as const;

/** Who caused an audit entry. */
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

/** Narrows an untrusted string to an AuditActorKind. */
export function isAuditActorKind(value: string): value is AuditActorKind {
  return (AUDIT_ACTOR_KINDS as readonly string[]).includes(value);
}

/** Narrows an untrusted string (a stored action) to an AuditAction. */
export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
