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
