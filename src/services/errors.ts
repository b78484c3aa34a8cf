/** Error codes a service may raise; the HTTP layer maps each to a status. */
export type AppErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  /** The case is held by another staff member; taking it needs an explicit take-over. */
  | 'held_by_other'
  | 'too_many_requests'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal';

export interface FieldError { path: string; message: string }

/** The one error type services throw for expected failures. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** "Not found" and "no access" look the same, so existence does not leak. */
export function notFound(): AppError {
  return new AppError('not_found', 'No such case, or you do not have access to it.');
}
