import type { HavenDb } from '../db/connection.js';
import type { DialectName } from '../db/dialect-name.js';
import type { FieldCipher } from './security/field-cipher.js';
import type { RateLimiter } from './rate-limiter.js';
import type { IntakeLimits } from './admit-report.js';

/** What every service needs: the database, the field cipher and the clock. */
export interface ServiceContext {
  db: HavenDb;
  dialect: DialectName;
  cipher: FieldCipher;
  now: () => Date;
  sessionHours: number;
  /** Minutes a staff session may go unused before it ends (default STAFF_IDLE_DEFAULT_MINUTES). */
  staffIdleMinutes?: number;
  /** Share one transaction among concurrent intake requests (default on); see db/group-commit.ts. */
  groupCommit?: boolean;
  /** Rate limits (access-code guesses, intake); absent: one in memory per context (see rate-limiter.ts). */
  rateLimiter?: RateLimiter;
  /** Intake's limits and challenge (default DEFAULT_INTAKE_LIMITS); see admit-report.ts. */
  intakeLimits?: IntakeLimits;
}

/** Contexts for sealing fields, so a sealed value cannot be moved to another column. */
export const SEALED = {
  contactEmail: 'case_parties.contact_email',
  /** Followed by `:<party id>`, binding each sealed name to its own party. */
  displayName: 'case_parties.display_name',
  /** Followed by `:<party id>`: the account name of a party who is not a reported person. */
  accountName: 'case_parties.username',
  staffEmail: 'staff_users.email',
  /** Followed by `:<receipt id>`, binding each sealed code to its own receipt. */
  intakeCode: 'intake_receipts.code_enc',
  /** Followed by `:<job id>`: the token of a sign-in link, in its email job until sent. */
  signInLinkToken: 'jobs.sign_in_link_token',
  emergencyContact: 'desk_emergency_settings.contact_email',
  emergencyFallback: 'desk_emergency_settings.fallback_email',
  /** Followed by `:<alert id>`: the packet's confirmation token, in its jobs until sent. */
  emergencyConfirmToken: 'jobs.emergency_confirm_token',
  /** Followed by `:<staff id>`, binding a TOTP secret to its account. */
  totpSecret: 'staff_users.totp_secret',
  /** Followed by `:<job id>`: an invitation's token, in its email job until sent. */
  invitationToken: 'jobs.invitation_token',
  /** Followed by `:<invitation id>`: the address an invitation went to. */
  invitationEmail: 'staff_invitations.email',
  /** Followed by `:<job id>`: a party's access code, in its email job until sent. */
  partyAccessCode: 'jobs.party_access_code',
  /** Followed by `:<case id>:<file id>`: an evidence file's bytes, and its name, each bound to its case and row. */
  evidenceFileContent: 'evidence_files.content',
  evidenceFileName: 'evidence_files.name',
  /** Followed by `:<desk id>:<venue>`: where a desk's outside venue is written to. */
  venueAddress: 'desk_venue_addresses.email',
  /** Followed by `:<referral id>`: the reporter's address in a referral their consent allowed it in. */
  referralContact: 'case_referrals.reporter_contact',
  /** Followed by `:<referral id>`: the packet a referral sent, as JSON. */
  referralPacket: 'case_referrals.packet',
  /** Followed by `:<evidence id>`: the address of evidence marked as personal information. */
  evidenceUrl: 'evidence.url',
} as const;
