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
  'too_many_requests',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
  /** The database stayed locked by another writer; nothing was changed. Retry after `Retry-After` seconds. */
  'busy',
] as const;

/** One error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];
