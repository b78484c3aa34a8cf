// Table types for Kysely. Timestamps are written as ISO-8601 UTC strings and read back
// through `toDate` (PostgreSQL returns Date objects for timestamptz, SQLite returns text).
// Booleans are stored as 0/1 integers so that both dialects bind them the same way.

import type { Generated } from 'kysely';

export type Timestamp = string | Date;

export interface StaffUserTable {
  id: string;
  username: string;
  password_hash: string;
  disabled: number;
  created_at: Timestamp;
  /** Where reminders reach this person, sealed (migration 0008); null for console only. */
  email_enc: string | null;
  /** The TOTP secret, sealed (migration 0016); null: no second factor enrolled. */
  totp_secret_enc: Generated<string | null>;
  /** A secret shown for enrolment and not yet confirmed by a code, sealed. */
  totp_pending_enc: Generated<string | null>;
  /** The last TOTP time step a code was accepted for; a code of that step or earlier is refused. */
  totp_last_step: Generated<number | string | null>;
}

/** One community's team and its cases (migration 0012). */
export interface DeskTable {
  id: string;
  slug: string;
  name: string;
  /** What reporters are shown when they choose where a report goes. */
  reporter_name: string;
  /** 1 for the one desk an install starts with; 0 for the others. */
  is_default: number;
  created_at: Timestamp;
  /** Days without staff activity after which a claim is released (migration 0014, default 7). */
  stale_claim_days: Generated<number>;
  /** 1: every role on this desk needs a second factor, not only admins (migration 0016). */
  require_second_factor: Generated<number>;
  /** Evidence files a report or an update may carry (migration 0032, default 5). */
  evidence_file_limit: Generated<number>;
  /** The largest evidence file accepted, in bytes (migration 0032, default 10 MiB). */
  evidence_file_max_bytes: Generated<number>;
}

/** The role a staff member holds on a desk; no row, no role there (migration 0012). */
export interface StaffDeskRoleTable {
  user_id: string;
  desk_id: string;
  role: string;
  granted_at: Timestamp;
}

export interface StaffSessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** The last request made with it, for the idle timeout (migration 0016). */
  last_seen_at: Timestamp | null;
  /** When the second factor was given in this session; null: not (yet). */
  second_factor_at: Generated<Timestamp | null>;
}

/** A single-use recovery code, by its hash (migration 0016). */
export interface StaffRecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

/** A one-time link to set a first password; `id` is the hash of its token (migration 0016). */
export interface StaffInvitationTable {
  id: string;
  username: string;
  desk_id: string;
  role: string;
  email_enc: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface LoginFailureTable {
  id: string;
  username: string;
  at: Timestamp;
  /** Keyed hash of the source address (migration 0016); '' for failures recorded before it. */
  source: Generated<string>;
}

/** A rate-limit count (migration 0033): PostgreSQL only; the key is a keyed hash, never an address. */
export interface RateLimitCountTable {
  rule: string;
  key: string;
  /** When the window ends, in epoch milliseconds; the row is dead from then on. */
  window_end: number;
  count: number;
}

export interface CaseTable {
  id: string;
  reference: string;
  /** The desk the case belongs to (migration 0012). */
  desk_id: string;
  status: string;
  /** 1 while the case is not closed; lets the open queue use one index. */
  is_open: number;
  category: string;
  severity: string;
  venue: string | null;
  reporter_role: string;
  immediate_danger: number;
  language: string;
  report_text: string;
  source: string;
  assignee_id: string | null;
  restricted_to_group: string | null;
  received_at: Timestamp;
  first_response_due_at: Timestamp;
  first_responded_at: Timestamp | null;
  next_update_due_at: Timestamp | null;
  /** The most urgent open deadline, kept by the services so the queue can use an index. */
  urgent_at: Timestamp;
  outcome: string | null;
  closed_at: Timestamp | null;
  updated_at: Timestamp;
  /** Reported usernames for full-text search, kept by database triggers (migration 0002). */
  search_accounts: string;
  /** 1 when the case must pass a review before closing (migration 0010; set by the routing to come). */
  requires_review: Generated<number>;
  /** Sign-offs a review needs (migration 0010; default 2, DEFAULT_REQUIRED_SIGN_OFFS). */
  required_sign_offs: Generated<number>;
  /** Who a waiting case waits on (migration 0014; WAITING_ON); null unless waiting. */
  waiting_on: Generated<string | null>;
  waiting_since: Generated<Timestamp | null>;
  /** When the silence reminder of a waiting case is due; `urgent_at` holds it while waiting. */
  wait_remind_at: Generated<Timestamp | null>;
  /** The deadline the wait stopped, resumed (shifted by the wait) when it ends. */
  paused_clock_due_at: Generated<Timestamp | null>;
  /** When the reporter asked to withdraw their report (migration 0014). */
  withdrawal_requested_at: Generated<Timestamp | null>;
  /** When recusals left nobody to work the case and it went to the escalation group (migration 0030). */
  recusal_escalated_at: Generated<Timestamp | null>;
  /** The case this one was merged into (migration 0036); null for a case that was not. */
  merged_into: Generated<string | null>;
}

export interface CasePartyTable {
  id: string;
  case_id: string;
  role: string;
  username: string | null;
  contact_email_enc: string | null;
  created_at: Timestamp;
  /** Keyed blind index (HMAC) of the normalised address, for "I lost my code" (migration 0015). */
  contact_email_index: Generated<string | null>;
  /** The party asked not to be written to any more, until they ask again (migration 0014). */
  messages_stopped_at: Generated<Timestamp | null>;
  /** The name the party goes by, sealed (migration 0022). */
  display_name_enc: Generated<string | null>;
  /** Keyed blind index of the normalised account name (migration 0022). */
  account_index: Generated<string | null>;
  /** When a handler last changed the party (migration 0022). */
  updated_at: Generated<Timestamp | null>;
  /** The account in its matching form (domain/account-names.ts), linking cases that name it (migration 0029). */
  account_key: Generated<string | null>;
  /** The account name of a party who is not a reported person, sealed bound to the party (migration 0038); `username` then stays null. */
  username_enc: Generated<string | null>;
}

export interface EvidenceTable {
  id: string;
  case_id: string;
  kind: string;
  url: string;
  supplied_by: string;
  added_at: Timestamp;
  /** 1 for evidence a party supplied privately; the leak guard keeps it from reported persons (migration 0024). */
  is_private: Generated<number>;
  /** 1 when a handler marked it as personal information (migration 0029): shown only on request, audited. */
  personal_information: Generated<number>;
}

/** A file a party attached, sealed with its name; `sha256` is of the stored bytes (migration 0032). */
export interface EvidenceFileTable {
  id: string;
  case_id: string;
  party_id: string | null;
  media_type: string;
  byte_size: number;
  sha256: string;
  name_enc: string;
  content_enc: string;
  added_at: Timestamp;
}

/** What a reporter or target agreed may be shared (migration 0023); `grants` is JSON. */
export interface PartyConsentTable {
  party_id: string;
  case_id: string;
  grants: string;
  recorded_at: Timestamp;
  recorded_by_kind: string;
  recorded_by_id: string | null;
}

/** What the target of a third-party report wants (migration 0024). */
export interface TargetWishesTable {
  party_id: string;
  case_id: string;
  wants_action: string | null;
  agrees_to_public_steps: number | null;
  recorded_at: Timestamp;
  recorded_by: string | null;
}

/** Where a desk's outside venue (trust and safety, the functionaries) is written to (migration 0034). */
export interface DeskVenueAddressTable {
  desk_id: string;
  venue: string;
  /** Sealed (SEALED.venueAddress:<desk id>:<venue>). */
  email_enc: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** A referral a case made to an outside venue (migration 0034). */
export interface CaseReferralTable {
  id: string;
  case_id: string;
  venue: string;
  sent_at: Timestamp;
  sent_by: string | null;
  /** The packet as sent, JSON, without the reporter's address. */
  packet: string;
  /** Sealed (SEALED.referralContact:<referral id>); only when consent covered it. */
  reporter_contact_enc: string | null;
  answer: string | null;
  answered_at: Timestamp | null;
  answered_by: string | null;
  ended_at: Timestamp | null;
  /** `closed` or `taken_back`; null while the case waits on the venue. */
  ended_how: string | null;
}

export interface CaseEventTable {
  id: string;
  case_id: string;
  type: string;
  at: Timestamp;
  actor_kind: string;
  actor_id: string | null;
  /** The event's detail as JSON, shaped by its type in src/domain/case-events.ts (migration 0010). */
  detail: string | null;
}

/** Who belongs to a group; `cases.restricted_to_group` names a group id (migration 0010). */
export interface StaffGroupMemberTable {
  group_id: string;
  user_id: string;
  added_at: Timestamp;
}

/** A desk's named group; one per desk is its escalation group (migration 0030). */
export interface StaffGroupTable {
  id: string;
  desk_id: string;
  name: string;
  escalation: Generated<number>;
  created_at: Timestamp;
}

/** A staff member who must not see a case; `source` is a RecusalSource (migration 0030). */
export interface CaseRecusalTable {
  case_id: string;
  user_id: string;
  source: string;
  created_at: Timestamp;
}

/** A community account a staff member holds, in matching form (migration 0030). */
export interface StaffAccountTable {
  user_id: string;
  account_key: string;
  account_name: string;
  added_at: Timestamp;
}

export interface MessageTable {
  id: string;
  case_id: string;
  audience: string;
  body: string;
  author_kind: string;
  author_id: string | null;
  created_at: Timestamp;
  /** The next update this reply promised the party (migration 0008). */
  promised_update_by: Timestamp | null;
  /** The template the reply started from (migration 0021). */
  template_id: Generated<string | null>;
  /** 1 when the handler sent it despite the boilerplate warning (migration 0021). */
  boilerplate_confirmed: Generated<number>;
  /** How it reaches its party: status_page, email or by_hand (migration 0024); null for notes and incoming messages. */
  delivery: Generated<string | null>;
}

export interface ReporterAccessTable {
  id: string;
  case_id: string;
  party_id: string;
  code_hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ReporterSessionTable {
  id: string;
  access_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface JobTable {
  id: string;
  kind: string;
  payload: string;
  status: string;
  run_at: Timestamp;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
  /** Retries after a worker died with the job `started`: each may have sent a duplicate. */
  interrupted_deliveries: Generated<number>;
}

/** One idempotency key of intake and what it filed (migration 0015); see services/file-report-once.ts. */
export interface IntakeReceiptTable {
  /** HMAC of the key's scope and the key itself; the key is never stored. */
  id: string;
  /** HMAC of the report as filed: the same key with another report is refused. */
  fingerprint: string;
  case_id: string;
  /** The access code, sealed, until its receipt is shown or `code_until` passes; then null. */
  code_enc: string | null;
  code_until: Timestamp;
  code_shown_at: Timestamp | null;
  created_at: Timestamp;
  /** After this the key is forgotten and may file a new report. */
  expires_at: Timestamp;
}

/** A single-use sign-in link sent to a reporter who lost their code (migration 0015). */
export interface ReporterSignInLinkTable {
  /** The hash of the link's token. */
  id: string;
  access_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** One "I lost my code" request, by the address's blind index, for the rate limit (migration 0015). */
export interface SignInLinkRequestTable {
  id: string;
  address_index: string;
  at: Timestamp;
}

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  case_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** Progress of `haven rotate-key` towards one key, per step (migration 0031). */
export interface KeyRotationStepTable {
  key_id: string;
  step: string;
  /** The last id re-sealed; null before the first batch. */
  cursor: string | null;
  resealed: Generated<number>;
  done: Generated<number>;
  updated_at: Timestamp;
}

export interface CounterTable {
  name: string;
  value: number;
}

export interface TrainingProgressTable {
  staff_id: string;
  module_id: string;
  started_at: Timestamp;
  last_activity_at: Timestamp;
  completed_at: Timestamp | null;
}

export interface TrainingSectionReadTable {
  staff_id: string;
  module_id: string;
  section_id: string;
  first_read_at: Timestamp;
}

export interface TrainingAnswerTable {
  staff_id: string;
  module_id: string;
  question_id: string;
  first_option: string;
  first_correct: number;
  first_at: Timestamp;
  latest_option: string;
  latest_correct: number;
  latest_at: Timestamp;
  attempts: number;
  /** When the best option was first chosen; completion asks for it on every question. */
  best_chosen_at: Timestamp | null;
}

/** A module a desk requires before someone may take its cases (migration 0020). */
export interface DeskTrainingRequirementTable {
  desk_id: string;
  module_id: string;
  /** The module's title when the requirement was set, for refusals that name it. */
  module_title: string;
  required_at: Timestamp;
  required_by: string | null;
}

/** A desk's reply template (migration 0021); retired ones stay for the messages that name them. */
export interface ReplyTemplateTable {
  id: string;
  desk_id: string;
  name: string;
  language: string;
  purpose: string;
  body: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
  retired_at: Timestamp | null;
}

/** The record of one close of a case (migration 0021); JSON in `reviewed_by` and `actions`. */
export interface CaseClosingTable {
  id: string;
  case_id: string;
  outcome: string;
  summary: string;
  findings: string;
  reviewed_by: string;
  actions: string;
  next_steps: string | null;
  duplicate_of: string | null;
  follow_up_at: Timestamp | null;
  closed_by: string | null;
  closed_at: Timestamp;
}

/** One saved version of a desk's routing rules, as JSON (migration 0028); never updated. */
export interface DeskRoutingRulesTable {
  desk_id: string;
  version: number;
  rules: string;
  saved_at: Timestamp;
  saved_by: string | null;
}

/** The routing facts a handler entered about a case, as JSON (migration 0028). */
export interface CaseRoutingFactsTable {
  case_id: string;
  facts: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** A venue chosen for a case, with what was recommended then and by which rule version (migration 0028). */
export interface CaseRoutingChoiceTable {
  id: string;
  case_id: string;
  chosen_at: Timestamp;
  chosen_by: string | null;
  rule_version: number;
  recommended_venue: string;
  /** The recommended plan's steps as JSON. */
  recommended_steps: string;
  chosen_venue: string;
  reason: string | null;
}

/** A desk's review settings (migration 0029); no row: the defaults. */
export interface DeskReviewSettingsTable {
  desk_id: string;
  required_sign_offs: number;
  reviewer_group: string | null;
}

/** One reviewer's sign-off on a case (migration 0029); one per person and case. */
export interface CaseSignOffTable {
  id: string;
  case_id: string;
  staff_id: string;
  decision: string;
  comment: string;
  signed_at: Timestamp;
}

/** A note in a case's review discussion, read only by its reviewers and staff (migration 0029). */
export interface CaseReviewNoteTable {
  id: string;
  case_id: string;
  author_id: string | null;
  body: string;
  written_at: Timestamp;
}

/** A desk's emergency settings (migration 0013); no row: the defaults and no contacts. */
export interface DeskEmergencySettingsTable {
  desk_id: string;
  /** The emergency contact's address, sealed (SEALED.emergencyContact). */
  contact_email_enc: string | null;
  /** The fallback contact's address, sealed (SEALED.emergencyFallback). */
  fallback_email_enc: string | null;
  forward_after_minutes: number;
  fallback_after_minutes: number;
  any_role_on_duty: Generated<number>;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** A staff member's own word on their duty on a desk (migration 0013). */
export interface StaffDutyTable {
  user_id: string;
  desk_id: string;
  availability: string;
  updated_at: Timestamp;
}

/** One slot of a desk's weekly rota, UTC (migration 0013). */
export interface DeskRotaTable {
  id: string;
  desk_id: string;
  user_id: string;
  weekday: number;
  start_minute: number;
  end_minute: number;
}

/** The alert an emergency report raised, and what became of it (migration 0013). */
export interface EmergencyAlertTable {
  id: string;
  case_id: string;
  desk_id: string;
  raised_at: Timestamp;
  source_key: string | null;
  text_key: string;
  /** The first alert of the wave this one joined; null when it is not part of a flood. */
  group_id: string | null;
  flood_reason: string | null;
  held: Generated<number>;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  forwarded_at: Timestamp | null;
  forwarded_by: string | null;
  confirm_token_hash: string | null;
  confirmed_at: Timestamp | null;
  fallback_at: Timestamp | null;
}

export interface Database {
  desks: DeskTable;
  staff_users: StaffUserTable;
  staff_desk_roles: StaffDeskRoleTable;
  staff_sessions: StaffSessionTable;
  staff_recovery_codes: StaffRecoveryCodeTable;
  staff_invitations: StaffInvitationTable;
  login_failures: LoginFailureTable;
  rate_limit_counts: RateLimitCountTable;
  cases: CaseTable;
  case_parties: CasePartyTable;
  evidence: EvidenceTable;
  evidence_files: EvidenceFileTable;
  case_events: CaseEventTable;
  staff_group_members: StaffGroupMemberTable;
  staff_groups: StaffGroupTable;
  case_recusals: CaseRecusalTable;
  staff_accounts: StaffAccountTable;
  messages: MessageTable;
  reporter_access: ReporterAccessTable;
  reporter_sessions: ReporterSessionTable;
  jobs: JobTable;
  audit_log: AuditLogTable;
  counters: CounterTable;
  key_rotation_steps: KeyRotationStepTable;
  training_progress: TrainingProgressTable;
  training_sections_read: TrainingSectionReadTable;
  training_answers: TrainingAnswerTable;
  intake_receipts: IntakeReceiptTable;
  reporter_sign_in_links: ReporterSignInLinkTable;
  sign_in_link_requests: SignInLinkRequestTable;
  desk_training_requirements: DeskTrainingRequirementTable;
  desk_emergency_settings: DeskEmergencySettingsTable;
  staff_duty: StaffDutyTable;
  desk_rota: DeskRotaTable;
  emergency_alerts: EmergencyAlertTable;
  reply_templates: ReplyTemplateTable;
  case_closings: CaseClosingTable;
  desk_routing_rules: DeskRoutingRulesTable;
  case_routing_facts: CaseRoutingFactsTable;
  case_routing_choices: CaseRoutingChoiceTable;
  desk_review_settings: DeskReviewSettingsTable;
  case_sign_offs: CaseSignOffTable;
  case_review_notes: CaseReviewNoteTable;
  party_consents: PartyConsentTable;
  target_wishes: TargetWishesTable;
  desk_venue_addresses: DeskVenueAddressTable;
  case_referrals: CaseReferralTable;
}

/** Normalises a timestamp read from either dialect. */
export function toDate(value: Timestamp): Date {
  return value instanceof Date ? value : new Date(value);
}

/** Same as toDate, for nullable columns. */
export function toDateOrNull(value: Timestamp | null): Date | null {
  return value === null ? null : toDate(value);
}
