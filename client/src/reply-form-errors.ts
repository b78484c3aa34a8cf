import { ApiError } from './api';
import { t } from './i18n';
import { PROMISE_MAX_DAYS, PROMISE_MIN_LEAD_MINUTES, promiseProblem, type PromiseProblem } from './promised-update';
import { localInputToIso } from './local-datetime';

/** What is wrong with each field of the reply form, in words for the handler. */
export interface ReplyFieldErrors {
  body?: string;
  promiseUpdateBy?: string;
}

function promiseMessage(problem: PromiseProblem): string {
  switch (problem) {
    case 'invalid':
      return t('case.reply.error.promiseInvalid');
    case 'in_the_past':
      return t('case.reply.error.promisePast');
    case 'too_soon':
      return t('case.reply.error.promiseTooSoon', { minutes: PROMISE_MIN_LEAD_MINUTES });
    case 'too_far':
      return t('case.reply.error.promiseTooFar', { days: PROMISE_MAX_DAYS });
    default: {
      const unreachable: never = problem;
      return unreachable;
    }
  }
}

/** Checks the form before sending; gives the promise as ISO with offset when there is one. */
export function checkReply(
  body: string,
  promiseInput: string,
  now: Date,
  timeZone?: string,
): { errors: ReplyFieldErrors; promiseUpdateBy: string | undefined } {
  const errors: ReplyFieldErrors = {};
  if (body.trim() === '') errors.body = t('case.reply.error.bodyEmpty');
  let promiseUpdateBy: string | undefined;
  if (promiseInput.trim() !== '') {
    const iso = localInputToIso(promiseInput, timeZone);
    const problem = promiseProblem(iso, now);
    if (problem === null && iso !== null) promiseUpdateBy = iso;
    else if (problem !== null) errors.promiseUpdateBy = promiseMessage(problem);
  }
  return { errors, promiseUpdateBy };
}

/** Turns a refused send into a message for the form's live region and messages beside fields. */
export function describeSendFailure(error: unknown): { message: string; errors: ReplyFieldErrors } {
  if (!(error instanceof ApiError)) return { message: t('case.reply.failed'), errors: {} };
  switch (error.status) {
    case 0:
      return { message: t('case.reply.network'), errors: {} };
    case 400: {
      // The server's own words are English and technical; the catalog's say what to do.
      const errors: ReplyFieldErrors = {};
      if (error.fields.body !== undefined) errors.body = t('case.reply.error.body');
      if (error.fields.promiseUpdateBy !== undefined) {
        errors.promiseUpdateBy = t('case.reply.error.promise', { days: PROMISE_MAX_DAYS });
      }
      if (error.fields.partyId !== undefined) return { message: t('case.reply.error.party'), errors };
      return { message: t(Object.keys(errors).length > 0 ? 'case.reply.invalid' : 'case.reply.failed'), errors };
    }
    case 403:
      return { message: t('case.reply.forbidden'), errors: {} };
    case 404:
      return { message: t('case.reply.notFound'), errors: {} };
    default:
      return { message: t('case.reply.failed'), errors: {} };
  }
}
