/**
 * The codes of Haven's one error shape (`{error: {code, message}}`). Clients branch on the
 * code, never on the message, so this list is the contract; the server maps each to a status.
 */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  /** The case is held by another staff member; taking it needs an explicit take-over. */
  'held_by_other',
  /** A request with this Idempotency-Key is still being processed; retry it unchanged later. */
  'idempotency_key_in_flight',
  /** This Idempotency-Key was used for another request body; use a new key for a new report. */
  'idempotency_key_reused',
  /** The desk requires training modules the person has not completed; the refusal names them. */
  'training_required',
  /** The lifecycle does not allow this status move now; the message names the moves it allows. */
  'illegal_transition',
  /** A reply from a template reads as boilerplate; send it anyway with `confirmBoilerplate: true`. */
  'boilerplate',
  /** Closing refusals, named by the lifecycle's guards (closing-guards.ts). */
  'review_incomplete',
  'closing_record_incomplete',
  'reporter_not_told',
  'next_steps_missing',
  /** The session still needs a second factor (a code, or enrolment) before anything else. */
  'second_factor_required',
  /** The TOTP or recovery code was wrong, already used, or out of time. */
  'invalid_second_factor',
  /** A message to a reported person names the reporter or the target; `fields` says what was found. */
  'identity_leak',
  'too_many_requests',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
  /** The database stayed locked by another writer; nothing was changed. Retry after `Retry-After` seconds. */
  'busy',
] as const;

/** One error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];
