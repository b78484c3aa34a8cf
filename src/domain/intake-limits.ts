// How long intake remembers what it was sent, and how a reporter who lost their code gets back
// in. Each limit is a promise to reporters or clients, published in docs/OPERATIONS.md.

/** An idempotency key (the form's token or an API client's `Idempotency-Key`) is remembered this long. */
export const IDEMPOTENCY_KEY_HOURS = 24;

/** At most this long after filing is the access code kept, sealed, for the receipt or a retry. */
export const RECEIPT_CODE_MINUTES = 15;

/** A sign-in link sent to a reporter who lost their code works once, within this time. */
export const SIGN_IN_LINK_MINUTES = 30;

/** Sign-in links sent for one address within an hour; further requests are answered the same, send nothing and are not counted. */
export const SIGN_IN_LINK_REQUESTS_PER_HOUR = 3;

/** Cases one lost-code request sends links for (the most recent first); a link each. */
export const SIGN_IN_LINK_CASES = 5;

const MINUTE = 60_000;

/** When a key filed at `filedAt` is forgotten, and when its sealed code goes, shown or not. */
export function intakeReceiptTimes(filedAt: Date): { codeUntil: Date; expiresAt: Date } {
  return {
    codeUntil: new Date(filedAt.getTime() + RECEIPT_CODE_MINUTES * MINUTE),
    expiresAt: new Date(filedAt.getTime() + IDEMPOTENCY_KEY_HOURS * 60 * MINUTE),
  };
}

/** Whether a receipt may still show its code: one is kept and its time has not run out. */
export function canShowCode(receipt: { hasCode: boolean; codeUntil: Date }, now: Date): boolean {
  return receipt.hasCode && now < receipt.codeUntil;
}

/** When a sign-in link made at `now` stops working. */
export function signInLinkExpiry(now: Date): Date {
  return new Date(now.getTime() + SIGN_IN_LINK_MINUTES * MINUTE);
}

/** The start of the window the rate limit counts requests in. */
export function signInLinkWindowStart(now: Date): Date {
  return new Date(now.getTime() - 60 * MINUTE);
}

/** Whether a request is within the limit, given the requests already counted in the window (this one not included). */
export function mayRequestSignInLink(earlierInWindow: number): boolean {
  return earlierInWindow < SIGN_IN_LINK_REQUESTS_PER_HOUR;
}
