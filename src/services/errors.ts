import type { ErrorCode } from '../domain/error-codes.js';

/** Error codes a service may raise (the list is `ERROR_CODES`); the HTTP layer maps each to a status. */
export type AppErrorCode = ErrorCode;

export interface FieldError { path: string; message: string }

/** A training module a refusal names (`training_required`), so the client can link to it. */
export interface ModuleRef { id: string; title: string }

/** One identifier the leak guard found (`identity_leak`): whose, what kind, and the words as written. */
export interface LeakRef { party: string; kind: string; found: string }

/** The one error type services throw for expected failures. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: FieldError[],
    readonly modules?: ModuleRef[],
    readonly leaks?: LeakRef[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** "Not found" and "no access" look the same, so existence does not leak. */
export function notFound(): AppError {
  return new AppError('not_found', 'No such case, or you do not have access to it.');
}
