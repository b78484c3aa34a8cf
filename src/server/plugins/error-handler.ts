import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { errorPage, wantsPage } from '../public/error-page.js';
import { AppError, TooManyRequests, isDatabaseBusy, type AppErrorCode } from '../../services/errors.js';
import type { ErrorResponse } from '../../shared/api/errors.js';

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400, validation_failed: 400, unauthenticated: 401, invalid_credentials: 401, forbidden: 403,
  not_found: 404, conflict: 409, held_by_other: 409, idempotency_key_in_flight: 409, idempotency_key_reused: 422, training_required: 409, busy: 503, identity_leak: 409, illegal_transition: 409, second_factor_required: 403, invalid_second_factor: 400,
  boilerplate: 409, review_incomplete: 409, closing_record_incomplete: 409, reporter_not_told: 409, next_steps_missing: 409,
  payload_too_large: 413, unsupported_media_type: 415, too_many_requests: 429, internal: 500,
};

const FRAMEWORK_CODES: Partial<Record<number, [AppErrorCode, string]>> = {
  403: ['forbidden', 'This request was refused.'],
  404: ['not_found', 'There is nothing at this address.'],
  413: ['payload_too_large', 'The request is larger than Haven accepts.'],
  415: ['unsupported_media_type', 'Send JSON (application/json) or a form.'],
};

/** How long a client is asked to wait after a 503 `busy`. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** Turns any thrown value into Haven's one error shape; unknown errors never show internals. */
export function toErrorBody(error: unknown, requestId: string): { status: number; body: ErrorResponse } {
  if (error instanceof AppError) {
    return {
      status: STATUS[error.code],
      body: { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...(error.modules ? { modules: error.modules } : {}), ...(error.leaks ? { leaks: error.leaks } : {}) } },
    };
  }
  if (isDatabaseBusy(error)) {
    return { status: 503, body: { error: { code: 'busy', message: 'Haven is busy. Nothing was saved. Please try again in a few seconds.' } } };
  }
  if (error instanceof ZodError) {
    const fields = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return { status: 400, body: { error: { code: 'validation_failed', message: 'Some fields need attention.', fields } } };
  }
  const fe = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const issues = fe.validation as { instancePath: string; message?: string }[];
    const fields = issues.map((v) => ({
      path: v.instancePath.split('/').filter((segment) => segment !== '').join('.'),
      message: v.message ?? 'Not valid.',
    }));
    return { status: 400, body: { error: { code: 'validation_failed', message: 'Some fields need attention.', fields } } };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { error: { code: 'payload_too_large', message: 'The request is larger than Haven accepts.' } } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: { error: { code: 'unsupported_media_type', message: 'Send JSON (application/json) or a form.' } } };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: { error: { code: 'bad_request', message: 'The request body is missing or malformed.' } } };
    default:
      break;
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Raised by the framework or a plugin (static files refuse `..` with 403): the code follows the status.
    const [code, message] = FRAMEWORK_CODES[fe.statusCode] ?? ['bad_request', 'The request could not be understood.'];
    return { status: fe.statusCode, body: { error: { code, message } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side. Nothing was saved. Please try again.', requestId } } };
}

/** Registers the JSON error handler for the API; pages render their own errors. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorBody(error, request.id);
    if (error instanceof TooManyRequests) void reply.header('retry-after', String(error.retryAfterSeconds));
    if (status === 503) {
      request.log.warn('database busy: answered 503');
      void reply.header('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
    } else if (status >= 500) request.log.error({ err: error }, 'request failed');
    // Reporters using the pages get a page, never raw JSON.
    if (wantsPage(request)) {
      void reply.status(status).type('text/html; charset=utf-8').send(errorPage(request, status, request.id));
      return;
    }
    void reply.status(status).type('application/json').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    if (wantsPage(request)) {
      void reply.status(404).type('text/html; charset=utf-8').send(errorPage(request, 404, request.id));
      return;
    }
    void reply.status(404).send({ error: { code: 'not_found', message: `Nothing at ${request.method} ${request.url.split('?')[0] ?? ''}.` } });
  });
}
