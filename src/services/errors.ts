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

/** A refusal for going too fast: the client may try again after `retryAfterSeconds` (HTTP: `Retry-After`). */
export class TooManyRequests extends AppError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super('too_many_requests', message);
  }
}

/** "Not found" and "no access" look the same, so existence does not leak. */
export function notFound(): AppError {
  return new AppError('not_found', 'No such case, or you do not have access to it.');
}

/**
 * Whether an error means the database stayed locked by another writer past the wait: SQLite's
 * busy timeout (every transaction begins IMMEDIATE, see src/db/connection.ts), or PostgreSQL's
 * lock_timeout (55P03). Nothing was written; HTTP answers 503 with Retry-After, the CLI a sentence.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_BUSY_TIMEOUT' || code === 'SQLITE_LOCKED' || code === '55P03';
}

/** The sentence a command prints when the database stayed busy. */
export const DATABASE_BUSY_SENTENCE = 'The database stayed busy: another process (the server, or another command) held its write lock for longer than Haven waits. Nothing was changed. Try the command again in a moment.';
