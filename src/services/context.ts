import type { HavenDb } from '../db/connection.js';
import type { DialectName } from '../db/dialect-name.js';
import type { FieldCipher } from './security/field-cipher.js';
import type { RateLimiter } from './rate-limiter.js';

/** What every service needs: the database, the field cipher and the clock. */
export interface ServiceContext {
  db: HavenDb;
  dialect: DialectName;
  cipher: FieldCipher;
  now: () => Date;
  sessionHours: number;
  /** Share one transaction among concurrent intake requests (default on); see db/group-commit.ts. */
  groupCommit?: boolean;
  /** Rate limits (access-code guesses, intake); absent: one in memory per context (see rate-limiter.ts). */
  rateLimiter?: RateLimiter;
}

/** Contexts for sealing fields, so a sealed value cannot be moved to another column. */
export const SEALED = {
  contactEmail: 'case_parties.contact_email',
  staffEmail: 'staff_users.email',
  /** Followed by `:<receipt id>`, binding each sealed code to its own receipt. */
  intakeCode: 'intake_receipts.code_enc',
  /** Followed by `:<job id>`: the token of a sign-in link, in its email job until sent. */
  signInLinkToken: 'jobs.sign_in_link_token',
} as const;
