import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { RECEIPT_CODE_MINUTES } from '../../domain/intake-limits.js';
import type { ServiceContext } from '../../services/context.js';
import { showReceipt } from '../../services/show-receipt.js';
import { layout } from './layout.js';
import { pageContext } from './page-context.js';
import { noReceiptBody, receiptBody } from './receipt.js';
import { refusedFilesFrom } from './evidence-uploads.js';

/** Where the receipt is; its cookies are sent there only. */
export const RECEIPT_PATH = '/report/receipt';

/** The cookie that leads a browser from its form post to its receipt: the form's own token. */
export const RECEIPT_COOKIE = 'haven_receipt';

/**
 * Only the receipt page reads it; Strict, since the form's redirect is same-site; it lasts as
 * long as the code may be shown, so a shared computer does not show the reference for long.
 * The token in a cookie rather than in the address keeps it out of the browser's history.
 */
export function receiptCookieOptions(secure: boolean): CookieSerializeOptions {
  return { path: RECEIPT_PATH, httpOnly: true, sameSite: 'strict', secure, maxAge: RECEIPT_CODE_MINUTES * 60 };
}

/** Lets this browser, and only it, open the receipt of the report its form (this token) filed. */
export function setReceiptCookie(reply: FastifyReply, token: string, secureCookies: boolean): void {
  void reply.setCookie(RECEIPT_COOKIE, token, receiptCookieOptions(secureCookies));
}

/** Sends the browser to that receipt. */
export function redirectToReceipt(reply: FastifyReply, token: string, secureCookies: boolean): FastifyReply {
  setReceiptCookie(reply, token, secureCookies);
  // 303: the browser follows with a GET, so a reload reloads the receipt, never the post.
  return reply.redirect('/report/receipt', 303);
}

/** GET /report/receipt: the receipt, with the access code the first time only. */
export function registerReceiptPage(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/report/receipt', { schema: { hide: true } }, async (request, reply) => {
    const page = pageContext(request);
    const token = request.cookies[RECEIPT_COOKIE];
    const receipt = token === undefined || token === '' ? null : await showReceipt(ctx, token);
    if (receipt === null) {
      return reply.status(404).type('text/html; charset=utf-8')
        .send(layout(page, { title: page.t('receipt.none.heading'), body: noReceiptBody(page) }));
    }
    const refused = refusedFilesFrom(request, ctx, RECEIPT_PATH);
    return reply.type('text/html; charset=utf-8').send(layout(page, { title: page.t('receipt.title'), body: receiptBody(page, receipt, refused) }));
  });
}
