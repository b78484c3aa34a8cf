// The one list of what the audit log records, with the detail each action keeps. The log is
// for answering "who saw or changed what, when" later, so each detail names ids and facts,
// never a copy of what a reporter wrote.
import type { Category } from './categories.js';
import type { ReminderEventType } from './case-events.js';
import type { PartyRole } from './case-parts.js';
import type { Severity } from './severity.js';
import type { StaffRole } from './access-policy.js';
import type { CaseStatus } from './case-lifecycle.js';
import type { WaitingOn } from './waiting.js';
import type { Availability } from './emergency.js';
import type { Outcome } from './case-lifecycle.js';
import type { TemplatePurpose } from './reply-templates.js';
import type { SignOffDecision } from './review.js';

/** The detail each audit action keeps. Instants are ISO 8601 strings; ids are staff or case ids. */
export interface AuditDetails {
  'case.reported': { source: 'web' | 'api'; severity: Severity; category: Category; links: number; accounts: number };
  'case.viewed': Record<string, never>;
  'case.viewed_by_reporter': Record<string, never>;
  'case.assigned': { from: string | null; to: string };
  /** A handler moved a case; `noteId` is the private note that holds their reason, if they gave one. */
  'case.status_changed': { from: CaseStatus; to: CaseStatus; waitingOn: WaitingOn | null; noteId: string | null };
  'case.reopened': { noteId: string };
  'case.note_added': { noteId: string };
  'case.withdrawal_requested': Record<string, never>;
  'case.withdrawal_continued': { messageId: string };
  'case.reporter_messages_resumed': Record<string, never>;
  /** A claim without staff activity for `idleDays` was released by Haven. */
  'case.claim_released': { from: string; idleDays: number };
  'case.taken_over': { from: string | null; to: string };
  'case.emergency_alert_raised': { alertId: string; recipients: number; grouped: boolean };
  'case.emergency_alert_acknowledged': { alertId: string; wave: number };
  /** The emergency packet left for a contact; whether it carried the reporter's address. */
  'case.emergency_packet_forwarded': { alertId: string; to: 'contact' | 'fallback'; automatic: boolean; reporterContact: boolean };
  'case.emergency_receipt_confirmed': { alertId: string };
  'desk.emergency_settings_changed': {
    deskId: string; contact: boolean; fallback: boolean; forwardAfterMinutes: number; fallbackAfterMinutes: number; anyRoleOnDuty: boolean; rotaSlots: number;
  };
  'staff.duty_changed': { deskId: string; availability: Availability };
  'case.reply_sent': { partyRole: PartyRole; messageId: string; promisedUpdateBy: string | null };
  'case.reporter_added_information': { links: number; reopened: boolean; replyOwedBy: string | null };
  'case.reminder_sent': { reason: ReminderEventType; dueAt: string; recipients: string[] };
  /** The reply read as boilerplate (issue 10) and was sent because the handler confirmed it. */
  'case.boilerplate_confirmed': { messageId: string; templateId: string };
  'case.closed': { outcome: Outcome; closingId: string; messagesTo: string[]; followUpAt: string | null; duplicateOf: string | null };
  'case.follow_up_due': { dueAt: string; recipients: string[] };
  'reporting.responsiveness_viewed': { from: string; to: string };
  'template.created': { templateId: string; deskId: string; purpose: TemplatePurpose };
  'template.updated': { templateId: string; deskId: string; purpose: TemplatePurpose };
  'template.retired': { templateId: string; deskId: string };
  /** A handler changed the category and/or severity (the reason stays on the timeline). */
  'case.triaged': { fromCategory: Category; toCategory: Category; fromSeverity: Severity; toSeverity: Severity };
  'case.routing_viewed': { ruleVersion: number; recommended: string };
  'case.routing_facts_recorded': { reported: number };
  'case.venue_chosen': { venue: string; recommended: string; ruleVersion: number; againstRecommendation: boolean };
  'case.marked_for_review': { requiredSignOffs: number };
  'case.reviewers_asked': { reviewers: string[] };
  'case.review_viewed': Record<string, never>;
  'case.signed_off': { decision: SignOffDecision };
  'case.review_note_added': { noteId: string };
  /** The referral packet was shown (what it holds, what it leaves out). */
  'case.referral_viewed': { venue: string | null };
  /** A referral packet was queued for an outside venue; `leftOut` names what stayed on the desk. */
  'case.referral_sent': { referralId: string; venue: string; evidence: number; reporterContact: boolean; leftOut: string[] };
  'case.referral_answered': { referralId: string; venue: string };
  'case.referral_taken_back': { referralId: string; venue: string };
  /** A duplicate merged into another case; written on both cases, with what moved. */
  'case.merged': { from: string; into: string; parties: number; evidence: number; messages: number; events: number; files: number };
  /** A desk's admin set or removed the address a referral venue is written to (never the address). */
  'desk.venue_address_set': { deskId: string; venue: string; set: boolean };
  'case.evidence_marked': { evidenceId: string; personalInformation: boolean };
  /** Evidence marked as personal information was shown to a staff member. */
  'case.personal_information_shown': { evidenceId: string };
  /** A staff member opened an evidence file: looked at an image they chose to unblur, or downloaded a PDF. */
  'case.evidence_file_opened': { fileId: string; mediaType: string };
  /** A desk admin saved a new version of the desk's routing rules. */
  'desk.routing_rules_saved': { deskId: string; version: number };
  /** A party added, changed or removed; `fields` names what was set (never the values: they are sealed). */
  'case.party_added': { partyId: string; role: PartyRole; fields: string[] };
  'case.party_changed': { partyId: string; role: PartyRole; fields: string[] };
  'case.party_removed': { partyId: string; role: PartyRole };
  /** A party was given their own access code: emailed to the address the handler entered, or shown once. */
  'case.party_access_issued': { partyId: string; role: PartyRole; delivery: 'email' | 'shown' };
  'case.target_wishes_recorded': { partyId: string; wantsAction: 'yes' | 'no' | 'unsure' | null; agreesToPublicSteps: boolean | null };
  /** A party's consent replaced, by the party on /status or by a handler who asked them. */
  'case.consent_recorded': { partyId: string; role: PartyRole; by: 'party' | 'staff'; grants: number };
  /** The leak guard stopped a message to a reported person and the handler sent it anyway; the reason is theirs. */
  'case.leak_guard_overridden': { partyId: string; messageId: string; found: string[]; reason: string };
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
  /** Someone ended every session of their own ("sign out everywhere"). */
  'staff.signed_out_everywhere': { sessions: number };
  'staff.second_factor_enrolled': Record<string, never>;
  'staff.second_factor_verified': { method: 'totp' | 'recovery_code'; recoveryCodesLeft: number };
  'staff.second_factor_failed': { method: 'totp' | 'recovery_code' };
  /** An admin removed someone's second factor (a lost phone); their sessions ended with it. */
  'staff.second_factor_reset': { staffId: string; sessions: number };
  /** An admin (or the command line) switched an account off or on; switching off ends its sessions. */
  'staff.deactivated': { staffId: string; sessions: number };
  'staff.reactivated': { staffId: string };
  'staff.password_reset': { staffId: string; sessions: number };
  /** An admin invited someone to a desk; the link went to the address they gave. */
  'staff.invited': { invitationId: string; username: string; deskId: string; role: StaffRole; expiresAt: string };
  'staff.invitation_accepted': { invitationId: string; staffId: string };
  /** A desk's admin required (or stopped requiring) a second factor of every role there. */
  'desk.second_factor_required': { deskId: string; required: boolean };
  /** A desk's limits on evidence files changed (the command line, or an admin). */
  'desk.evidence_file_limits_set': { deskId: string; maxFiles: number; maxBytes: number };
  /** An admin read a page of the audit trail: of one case, or of one staff member (`before`: the page's cursor). */
  'audit.case_trail_read': { before: number | null; entries: number };
  'audit.staff_trail_read': { staffId: string; before: number | null; entries: number };
  /** `haven rotate-key` began re-sealing under a new key, or finished (`resealed`: values re-sealed by this run). */
  'keys.rotation_started': { from: string; to: string };
  'keys.rotation_finished': { from: string; to: string; resealed: number };
}

/** Something the audit log records. */
export type AuditAction = keyof AuditDetails;

// Keyed by AuditAction, so the compiler refuses a list that misses or invents an action.
const EVERY_ACTION: Readonly<Record<AuditAction, true>> = {
  'case.reported': true, 'case.viewed': true, 'case.viewed_by_reporter': true, 'case.assigned': true, 'case.taken_over': true,
  'case.reply_sent': true, 'case.reporter_added_information': true, 'case.reminder_sent': true, 'desk.created': true,
  'case.triaged': true, 'case.routing_viewed': true, 'case.routing_facts_recorded': true, 'case.venue_chosen': true,
  'case.marked_for_review': true, 'case.reviewers_asked': true, 'case.review_viewed': true, 'case.signed_off': true,
  'case.review_note_added': true, 'case.referral_viewed': true, 'case.referral_sent': true, 'case.referral_answered': true,
  'case.referral_taken_back': true, 'desk.venue_address_set': true, 'case.merged': true, 'case.evidence_marked': true, 'case.personal_information_shown': true, 'desk.routing_rules_saved': true,
  'case.evidence_file_opened': true, 'desk.evidence_file_limits_set': true,
  'case.status_changed': true, 'case.reopened': true, 'case.note_added': true, 'case.withdrawal_requested': true,
  'case.withdrawal_continued': true, 'case.reporter_messages_resumed': true, 'case.claim_released': true,
  'case.emergency_alert_raised': true, 'case.emergency_alert_acknowledged': true, 'case.emergency_packet_forwarded': true,
  'case.emergency_receipt_confirmed': true, 'desk.emergency_settings_changed': true, 'staff.duty_changed': true,
  'case.party_added': true, 'case.party_changed': true, 'case.party_removed': true, 'case.party_access_issued': true,
  'case.target_wishes_recorded': true, 'case.consent_recorded': true, 'case.leak_guard_overridden': true,
  'reporting.counts_viewed': true, 'reporter.signed_in': true, 'reporter.sign_in_link_sent': true, 'reporter.signed_in_by_link': true,
  'reporter.access_code_refused': true,
  'staff.created': true, 'staff.role_granted': true, 'staff.role_revoked': true,
  'staff.sign_in_failed': true, 'staff.signed_in': true, 'staff.signed_out': true, 'training.requirement_set': true,
  'case.boilerplate_confirmed': true, 'case.closed': true, 'case.follow_up_due': true,
  'reporting.responsiveness_viewed': true, 'template.created': true, 'template.updated': true, 'template.retired': true,
  'staff.signed_out_everywhere': true, 'staff.second_factor_enrolled': true, 'staff.second_factor_verified': true,
  'staff.second_factor_failed': true, 'staff.second_factor_reset': true, 'staff.deactivated': true, 'staff.reactivated': true,
  'staff.password_reset': true, 'staff.invited': true, 'staff.invitation_accepted': true, 'desk.second_factor_required': true,
  'audit.case_trail_read': true, 'audit.staff_trail_read': true, 'keys.rotation_started': true, 'keys.rotation_finished': true,
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
