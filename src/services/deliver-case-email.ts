import { findCase, type CaseRecord } from '../db/repositories/cases.js';
import { openEvidence } from './security/evidence-seal.js';
import { openBound, openContact } from './security/contact-seal.js';
import { findPartyContact, findReporterContact } from '../db/repositories/case-parts.js';
import { findStaffEmail } from '../db/repositories/staff.js';
import type { Mailer } from '../integrations/mail/mailer.js';
import { sendCaseEmail } from './emails/send-case-email.js';
import { composeReceiptEmail } from './emails/receipt-email.js';
import { composeReplyNoticeEmail } from './emails/reply-notice-email.js';
import { composeStaffReminderEmail, isReminderReason, type ReminderReason } from './emails/staff-reminder-email.js';
import { composeSignInLinkEmail } from './emails/sign-in-link-email.js';
import { composeReviewRequestEmail } from './emails/review-request-email.js';
import { composeStaffNoticeEmail, isStaffNoticeReason } from './emails/staff-notice-email.js';
import { composeWithdrawalNoticeEmail } from './emails/withdrawal-notice-email.js';
import { findPartyMessagesStopped } from '../db/repositories/case-work.js';
import { composePartyAccessCodeEmail } from './emails/party-access-code-email.js';
import { composePartyMessageEmail } from './emails/party-message-email.js';
import { findMessageBody } from '../db/repositories/messages.js';
import { SEALED, type ServiceContext } from './context.js';
import { findAlert, readEmergencySettings } from '../db/repositories/emergency.js';
import { listEvidence } from '../db/repositories/case-parts.js';
import { mayShare } from '../domain/consent.js';
import { composeEmergencyAlertEmail, composeEmergencyPacketEmail } from './emails/emergency-emails.js';
import { reporterConsentFor } from './emergency-consent.js';
import {
  EMERGENCY_ALERT_EMAIL_JOB, EMERGENCY_PACKET_EMAIL_JOB, type EmergencyAlertEmailPayload, type EmergencyPacketEmailPayload,
  RECEIPT_EMAIL_JOB, REPLY_NOTICE_EMAIL_JOB, REVIEW_REQUEST_EMAIL_JOB, SIGN_IN_LINK_EMAIL_JOB, STAFF_REMINDER_EMAIL_JOB,
  type ReceiptEmailPayload, type ReplyNoticePayload, type ReviewRequestPayload, type SignInLinkEmailPayload, type StaffReminderPayload,
  STAFF_NOTICE_EMAIL_JOB, WITHDRAWAL_NOTICE_EMAIL_JOB, type StaffNoticePayload, type StaffNoticeReason, type WithdrawalNoticePayload,
  PARTY_ACCESS_CODE_EMAIL_JOB, PARTY_MESSAGE_EMAIL_JOB, type PartyAccessCodeEmailPayload, type PartyMessageEmailPayload,
  REFERRAL_EMAIL_JOB, type ReferralEmailPayload,
} from './job-kinds.js';
import { findReferral, readVenueAddresses } from '../db/repositories/referrals.js';
import { openPacket } from './referral-packet-seal.js';
import { currentRoutingRules } from '../db/repositories/routing.js';
import { composeReferralEmail } from './emails/referral-email.js';
import { translator } from './i18n.js';

/** What sending needs from outside: the mailer, the public address for links, the domain for Message-IDs. */
export interface CaseEmailDeps { mailer: Mailer; publicUrl: string; mailDomain: string }

/** One email job as the worker claimed it: its kind and the payload that kind carries. */
export type CaseEmailJob =
  | { kind: typeof RECEIPT_EMAIL_JOB; payload: ReceiptEmailPayload }
  | { kind: typeof REPLY_NOTICE_EMAIL_JOB; payload: ReplyNoticePayload }
  | { kind: typeof STAFF_REMINDER_EMAIL_JOB; payload: StaffReminderPayload }
  | { kind: typeof REVIEW_REQUEST_EMAIL_JOB; payload: ReviewRequestPayload }
  | { kind: typeof SIGN_IN_LINK_EMAIL_JOB; payload: SignInLinkEmailPayload }
  | { kind: typeof EMERGENCY_ALERT_EMAIL_JOB; payload: EmergencyAlertEmailPayload }
  | { kind: typeof EMERGENCY_PACKET_EMAIL_JOB; payload: EmergencyPacketEmailPayload }
  | { kind: typeof STAFF_NOTICE_EMAIL_JOB; payload: StaffNoticePayload }
  | { kind: typeof WITHDRAWAL_NOTICE_EMAIL_JOB; payload: WithdrawalNoticePayload }
  | { kind: typeof PARTY_ACCESS_CODE_EMAIL_JOB; payload: PartyAccessCodeEmailPayload }
  | { kind: typeof PARTY_MESSAGE_EMAIL_JOB; payload: PartyMessageEmailPayload }
  | { kind: typeof REFERRAL_EMAIL_JOB; payload: ReferralEmailPayload };

/** The sealed address the email goes to, with the column it was sealed for; null when it is gone. */
async function findRecipient(ctx: ServiceContext, job: CaseEmailJob, kase: CaseRecord): Promise<{ sealed: string; column: string; rowId: string } | null> {
  if (job.kind === EMERGENCY_PACKET_EMAIL_JOB) {
    // The desk's contact as it is now: a contact changed since the forward gets the packet.
    const settings = (await readEmergencySettings(ctx.db, [kase.deskId])).get(kase.deskId);
    const sealed = job.payload.to === 'contact' ? settings?.contactEmailEnc : settings?.fallbackEmailEnc;
    return sealed == null ? null : { sealed, column: job.payload.to === 'contact' ? SEALED.emergencyContact : SEALED.emergencyFallback, rowId: kase.deskId };
  }
  if (job.kind === REFERRAL_EMAIL_JOB) {
    // The venue's address as the desk has it now; a referral whose venue lost its address is not sent.
    const referral = await findReferral(ctx.db, kase.id, job.payload.referralId);
    const sealed = referral === null ? undefined : (await readVenueAddresses(ctx.db, kase.deskId)).get(referral.venue);
    return sealed === undefined || referral === null ? null : { sealed, column: SEALED.venueAddress, rowId: `${kase.deskId}:${referral.venue}` };
  }
  if (job.kind === STAFF_REMINDER_EMAIL_JOB || job.kind === REVIEW_REQUEST_EMAIL_JOB || job.kind === EMERGENCY_ALERT_EMAIL_JOB || job.kind === STAFF_NOTICE_EMAIL_JOB) {
    // Only while they still hold a role on the case's desk: a role taken away since the
    // reminder was queued takes its emails with it.
    const staff = await findStaffEmail(ctx.db, job.payload.staffId, kase.deskId);
    return staff === null ? null : { sealed: staff.emailEnc, column: SEALED.staffEmail, rowId: job.payload.staffId };
  }
  // A reporter who asked us to stop writing gets no reply notices until they ask again.
  if (job.kind === REPLY_NOTICE_EMAIL_JOB && (await findPartyMessagesStopped(ctx.db, job.payload.partyId)) !== null) return null;
  const sealed = await findPartyContact(ctx.db, job.payload.partyId);
  return sealed === null ? null : { sealed, column: SEALED.contactEmail, rowId: job.payload.partyId };
}

function noticeReason(payload: StaffNoticePayload): StaffNoticeReason {
  if (!isStaffNoticeReason(payload.reason)) throw new Error(`Unknown staff notice reason: ${payload.reason}`);
  return payload.reason;
}

/** The stored reason, known to this version; an unknown one fails the job, which is retried. */
function reminderReason(payload: StaffReminderPayload): ReminderReason {
  if (!isReminderReason(payload.reason)) throw new Error(`Unknown reminder reason: ${payload.reason}`);
  return payload.reason;
}

async function compose(
  ctx: ServiceContext, jobId: string, job: CaseEmailJob, kase: CaseRecord, publicUrl: string, messageBody: string | null,
): Promise<{ subject: string; text: string }> {
  switch (job.kind) {
    case PARTY_ACCESS_CODE_EMAIL_JOB:
      return composePartyAccessCodeEmail({
        reference: kase.reference, language: job.payload.language, statusUrl: `${publicUrl}/status`,
        code: ctx.cipher.open(job.payload.codeEnc, `${SEALED.partyAccessCode}:${jobId}`),
      });
    case PARTY_MESSAGE_EMAIL_JOB:
      return composePartyMessageEmail({ reference: kase.reference, language: job.payload.language, body: messageBody ?? '' });
    case STAFF_NOTICE_EMAIL_JOB:
      return composeStaffNoticeEmail({
        reference: kase.reference, reason: noticeReason(job.payload), days: job.payload.days ?? 0,
        caseUrl: `${publicUrl}/desk/cases/${encodeURIComponent(kase.reference)}`,
      });
    case WITHDRAWAL_NOTICE_EMAIL_JOB:
      return composeWithdrawalNoticeEmail({ reference: kase.reference, language: job.payload.language, statusUrl: `${publicUrl}/status` });
    case EMERGENCY_ALERT_EMAIL_JOB: {
      const settings = (await readEmergencySettings(ctx.db, [kase.deskId])).get(kase.deskId);
      return composeEmergencyAlertEmail({
        reference: kase.reference, category: kase.category, waitedMs: ctx.now().getTime() - kase.receivedAt.getTime(),
        caseUrl: `${publicUrl}/desk/cases/${encodeURIComponent(kase.reference)}`, forwardAfterMinutes: settings?.forwardAfterMinutes ?? 15,
      });
    }
    case EMERGENCY_PACKET_EMAIL_JOB: {
      // Opened only to be written into the message: the alert keeps the token's hash.
      const token = ctx.cipher.open(job.payload.tokenEnc, `${SEALED.emergencyConfirmToken}:${job.payload.alertId}`);
      const consent = await reporterConsentFor(ctx.db, kase.id);
      const sealedReporter = mayShare(consent, 'contact', 'emergency_contact') ? await findReporterContact(ctx.db, kase.id) : null;
      return composeEmergencyPacketEmail({
        to: job.payload.to, reference: kase.reference, deskName: kase.desk.name, category: kase.category, receivedAt: kase.receivedAt,
        reportText: kase.reportText, evidence: openEvidence(ctx.cipher, await listEvidence(ctx.db, kase.id)).map((e) => e.url),
        reporterAddress: sealedReporter === null ? null : openContact(ctx.cipher, sealedReporter.sealed, sealedReporter.partyId),
        confirmUrl: `${publicUrl}/emergency/confirm?token=${encodeURIComponent(token)}`,
      });
    }
    case REFERRAL_EMAIL_JOB: {
      const referral = await findReferral(ctx.db, kase.id, job.payload.referralId);
      if (referral === null) throw new Error('The referral of this job is gone.');
      const venue = (await currentRoutingRules(ctx.db, kase.deskId)).rules.venues.find((v) => v.id === referral.venue);
      return composeReferralEmail({
        deskName: kase.desk.name, venueName: venue?.name ?? translator('console', 'en')(`venue.${referral.venue}`), packet: openPacket(ctx.cipher, referral.id, referral.packetSealed),
        // Opened only to be written into the message; sealed only when consent covered it.
        reporterAddress: referral.reporterContactEnc === null ? null : ctx.cipher.open(referral.reporterContactEnc, `${SEALED.referralContact}:${referral.id}`),
      });
    }
    case RECEIPT_EMAIL_JOB:
      return composeReceiptEmail({
        reference: kase.reference, language: job.payload.language, dueAt: kase.firstResponseDueAt,
        statusUrl: `${publicUrl}/status`, emergency: kase.severity === 'emergency',
      });
    case REPLY_NOTICE_EMAIL_JOB:
      return composeReplyNoticeEmail({
        reference: kase.reference, language: job.payload.language, statusUrl: `${publicUrl}/status`,
        promisedUpdateBy: kase.nextUpdateDueAt,
      });
    case STAFF_REMINDER_EMAIL_JOB:
      return composeStaffReminderEmail({
        reference: kase.reference, reason: reminderReason(job.payload), dueAt: new Date(job.payload.dueAt),
        caseUrl: `${publicUrl}/desk/cases/${encodeURIComponent(kase.reference)}`,
      });
    case REVIEW_REQUEST_EMAIL_JOB:
      return composeReviewRequestEmail({ reference: kase.reference, caseUrl: `${publicUrl}/desk/cases/${encodeURIComponent(kase.reference)}` });
    case SIGN_IN_LINK_EMAIL_JOB: {
      // Opened only to be written into the message: the link's row holds its hash, the job a sealed copy.
      const token = ctx.cipher.open(job.payload.tokenEnc, `${SEALED.signInLinkToken}:${jobId}`);
      return composeSignInLinkEmail({
        reference: kase.reference, language: job.payload.language, expiresAt: new Date(job.payload.expiresAt),
        link: `${publicUrl}/status/link?token=${encodeURIComponent(token)}`,
      });
    }
  }
}

/**
 * Sends one email about a case: the receipt, the reply notice or a sign-in link to a reporter,
 * or a reminder to a staff member. The address is opened only for the moment of sending.
 * Skipped when the case, the address or the staff account is gone (purged or disabled since
 * the job was queued), or the staff member no longer holds a role on the case's desk.
 */
export async function deliverCaseEmail(ctx: ServiceContext, deps: CaseEmailDeps, jobId: string, job: CaseEmailJob): Promise<'sent' | 'skipped'> {
  // A reminder with a reason this version cannot word fails before anything is read.
  if (job.kind === STAFF_REMINDER_EMAIL_JOB) reminderReason(job.payload);
  if (job.kind === STAFF_NOTICE_EMAIL_JOB) noticeReason(job.payload);
  // A sign-in link held up past its expiry (an SMTP outage) would arrive dead: it is not sent.
  if (job.kind === SIGN_IN_LINK_EMAIL_JOB && ctx.now() >= new Date(job.payload.expiresAt)) return 'skipped';
  const kase = await findCase(ctx.db, { id: job.payload.caseId });
  if (kase === null) return 'skipped';
  const recipient = await findRecipient(ctx, job, kase);
  if (recipient === null) return 'skipped';
  // An alert already acknowledged by the time its email would go needs no more emails.
  if (job.kind === EMERGENCY_ALERT_EMAIL_JOB && (await findAlert(ctx.db, { id: job.payload.alertId }))?.acknowledgedAt != null) return 'skipped';
  const messageBody = job.kind === PARTY_MESSAGE_EMAIL_JOB ? await findMessageBody(ctx.db, kase.id, job.payload.messageId) : null;
  if (job.kind === PARTY_MESSAGE_EMAIL_JOB && messageBody === null) return 'skipped';
  const mail = await compose(ctx, jobId, job, kase, deps.publicUrl, messageBody);
  await sendCaseEmail(deps, { jobId, reference: kase.reference, to: openBound(ctx.cipher, recipient.sealed, recipient.column, recipient.rowId), mail });
  return 'sent';
}
