import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServiceContext } from '../../services/context.js';
import { AppError } from '../../services/errors.js';
import { requestSignInLink } from '../../services/request-sign-in-link.js';
import { signInWithLink } from '../../services/sign-in-with-link.js';
import { REPORTER_COOKIE, reporterCookieOptions } from '../plugins/reporter-cookie.js';
import type { SafeHtml } from './html.js';
import { layout } from './layout.js';
import { pageContext, type PageContext } from './page-context.js';
import { deadLinkBody, lostCodeForm, lostCodeSentBody, signInLinkBody } from './lost-code-views.js';

const Address = z.email().max(254);

function send(reply: FastifyReply, page: PageContext, title: string, body: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(layout(page, { title, body }));
}

function field(body: unknown, name: string): string {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** "I lost my code": ask for a sign-in link by the address given with the report, and use it. */
export function registerLostCodePages(app: FastifyInstance, ctx: ServiceContext, secureCookies: boolean): void {
  app.get('/status/lost', { schema: { hide: true } }, async (request, reply) => {
    const page = pageContext(request);
    const sent = (request.query as Record<string, unknown>).sent === '1';
    return sent
      ? send(reply, page, page.t('status.lost.sent.heading'), lostCodeSentBody(page))
      : send(reply, page, page.t('status.lost.heading'), lostCodeForm(page, '', null));
  });

  app.post('/status/lost', { schema: { hide: true } }, async (request, reply) => {
    const page = pageContext(request);
    const typed = field(request.body, 'email').trim();
    const parsed = Address.safeParse(typed);
    // Only the address's form is checked here; whether anyone used it is never said.
    if (!parsed.success) return send(reply, page, page.t('status.lost.heading'), lostCodeForm(page, typed, page.t('status.lost.error.email')), 400);
    await requestSignInLink(ctx, parsed.data);
    // Post, redirect, get: a reload shows the answer again rather than asking again.
    return reply.redirect('/status/lost?sent=1', 303);
  });

  app.get('/status/link', { schema: { hide: true } }, async (request: FastifyRequest, reply) => {
    const page = pageContext(request);
    const token = (request.query as Record<string, unknown>).token;
    if (typeof token !== 'string' || token === '') return send(reply, page, page.t('status.link.heading'), deadLinkBody(page), 404);
    return send(reply, page, page.t('status.link.heading'), signInLinkBody(page, token));
  });

  app.post('/status/link', { schema: { hide: true } }, async (request, reply) => {
    const page = pageContext(request);
    try {
      const session = await signInWithLink(ctx, field(request.body, 'token'));
      void reply.setCookie(REPORTER_COOKIE, session.token, { ...reporterCookieOptions(secureCookies), expires: session.expiresAt });
      return await reply.redirect('/status', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid_credentials') throw error;
      return send(reply, page, page.t('status.link.heading'), deadLinkBody(page), 401);
    }
  });
}
