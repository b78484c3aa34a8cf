import type { ReminderClock, ReminderStage } from '../domain/case-events.js';

/** The receipt email to a reporter who left an address. */
export const RECEIPT_EMAIL_JOB = 'email.receipt';

export interface ReceiptEmailPayload {
  caseId: string;
  partyId: string;
  reference: string;
  language: string;
}

/** Tells a reporter who left an address that a reply is waiting on the status page. */
export const REPLY_NOTICE_EMAIL_JOB = 'email.reply_notice';

export interface ReplyNoticePayload {
  caseId: string;
  partyId: string;
  messageId: string;
  language: string;
}

/** A case clock comes due: the first response, one a reply set (a promised update, a check-in), or an answer owed to new information. */
export const CASE_REMINDER_JOB = 'reminder.case_clock';

export interface CaseReminderPayload {
  caseId: string;
  clock: ReminderClock;
  stage: ReminderStage;
  /** The deadline this reminder watches, ISO; a later reply moves it and makes this one stale. */
  dueAt: string;
}

/** Emails one staff member that a clock on a case came due. */
export const STAFF_REMINDER_EMAIL_JOB = 'email.staff_reminder';

export interface StaffReminderPayload {
  caseId: string;
  staffId: string;
  /** The event the reminder recorded, e.g. `promised_update_due`; read back from JSON, so checked when the job runs. */
  reason: string;
  dueAt: string;
}

/**
 * A reporter asked for a sign-in link ("I lost my code"). The request only queues this job, so
 * it does the same work whether or not the address is known; the job finds the cases and
 * queues their emails. It carries the address's blind indexes, never the address.
 */
export const SIGN_IN_LINK_REQUEST_JOB = 'reporter.sign_in_link_request';

export interface SignInLinkRequestPayload {
  /** The address's blind index under each configured secret key (services/security/contact-index.ts). */
  addressIndexes: string[];
}

/** Emails one party a single-use sign-in link to their case. */
export const SIGN_IN_LINK_EMAIL_JOB = 'email.sign_in_link';

export interface SignInLinkEmailPayload {
  caseId: string;
  partyId: string;
  language: string;
  /** The link's token, sealed for this job (SEALED.signInLinkToken); the database keeps only its hash. */
  tokenEnc: string;
  expiresAt: string;
}

/** After closing, the day to ask the reporter how they are doing: the assignee is reminded. */
export const FOLLOW_UP_JOB = 'reminder.follow_up';

export interface FollowUpPayload {
  caseId: string;
  /** The follow-up date, ISO; a reopened case, or a later close with another date, makes it stale. */
  dueAt: string;
}

/** Asks one reviewer to review a case that moved to in_review. */
export const REVIEW_REQUEST_EMAIL_JOB = 'email.review_request';

export interface ReviewRequestPayload {
  caseId: string;
  staffId: string;
}

/** Emails one staff member that an emergency report came in: reference, category, waiting time; never the report. */
export const EMERGENCY_ALERT_EMAIL_JOB = 'email.emergency_alert';

export interface EmergencyAlertEmailPayload {
  caseId: string;
  alertId: string;
  staffId: string;
}

/** The automatic forward of an alert's packet, due when the first waiting time runs out. */
export const EMERGENCY_FORWARD_JOB = 'emergency.forward';

export interface EmergencyForwardPayload {
  alertId: string;
}

/** The emergency packet to the desk's emergency contact or, later, its fallback contact. */
export const EMERGENCY_PACKET_EMAIL_JOB = 'email.emergency_packet';

export interface EmergencyPacketEmailPayload {
  caseId: string;
  alertId: string;
  to: 'contact' | 'fallback';
  /** The confirmation link's token, sealed (SEALED.emergencyConfirmToken:<alert id>); the alert keeps its hash. */
  tokenEnc: string;
}

/** Sends the packet to the fallback contact unless receipt was confirmed, when the second waiting time runs out. */
export const EMERGENCY_FALLBACK_JOB = 'emergency.fallback';

export interface EmergencyFallbackPayload {
  alertId: string;
  tokenEnc: string;
}

/** Why a staff member is told about a case outside the reminder clocks. */
export const STAFF_NOTICE_REASONS = ['wait_ended', 'withdrawal_requested', 'claim_released'] as const;

/** Why a staff notice is sent. */
export type StaffNoticeReason = (typeof STAFF_NOTICE_REASONS)[number];

/** Emails one staff member that something happened on a case they work (the reporter answered, asked to withdraw; a claim was released). */
export const STAFF_NOTICE_EMAIL_JOB = 'email.staff_notice';

export interface StaffNoticePayload {
  caseId: string;
  staffId: string;
  /** Read back from JSON, so checked when the job runs. */
  reason: string;
  /** For `claim_released`: the idle days that released it. */
  days?: number;
}

/** Tells a reporter who asked to withdraw that the desk keeps investigating, and that they can come back. */
export const WITHDRAWAL_NOTICE_EMAIL_JOB = 'email.withdrawal_notice';

export interface WithdrawalNoticePayload {
  caseId: string;
  partyId: string;
  language: string;
}

/** Emails an invited staff member their one-time link to set a first password. */
export const STAFF_INVITATION_EMAIL_JOB = 'email.staff_invitation';

export interface StaffInvitationEmailPayload {
  /** The invitation's row id (the hash of its token). */
  invitationId: string;
  /** The token, sealed for this job (SEALED.invitationToken); the row keeps only its hash. */
  tokenEnc: string;
  expiresAt: string;
}

/** Emails a party (the target of a third-party report) their own access code, to the address the handler entered. */
export const PARTY_ACCESS_CODE_EMAIL_JOB = 'email.party_access_code';

export interface PartyAccessCodeEmailPayload {
  caseId: string;
  partyId: string;
  language: string;
  /** The code, sealed for this job (SEALED.partyAccessCode); the database keeps only its hash. */
  codeEnc: string;
}

/** Emails a message to a party who reads no thread on /status (a reported person): the message itself. */
export const PARTY_MESSAGE_EMAIL_JOB = 'email.party_message';

export interface PartyMessageEmailPayload {
  caseId: string;
  partyId: string;
  messageId: string;
  language: string;
}

/** A referral packet to an outside venue (trust and safety, the functionaries), at the desk's address for it. */
export const REFERRAL_EMAIL_JOB = 'email.referral';

export interface ReferralEmailPayload {
  caseId: string;
  referralId: string;
}
