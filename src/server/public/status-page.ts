import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { AppError, TooManyRequests } from '../../services/errors.js';
import { closeReporterSession, openReporterSession } from '../../services/reporter-session.js';
import { viewReporterCase } from '../../services/reporter-case-view.js';
import { addReporterInformation } from '../../services/add-reporter-information.js';
import { ReporterUpdateSchema } from '../../shared/reporter-update.js';
import { REPORTER_COOKIE, reporterCookieOptions } from '../plugins/reporter-cookie.js';
import { authenticateReporter, reporterOf, requireReporter, type ReporterAuthOptions } from '../plugins/reporter-auth.js';
import type { html } from './html.js';
import { layout } from './layout.js';
import { pageContext, type PageContext } from './page-context.js';
import { codeForm, confirmSwitchBody, staleFormBody, statusBody } from './status-views.js';
import { registerLostCodePages } from './lost-code-page.js';
import { withdrawConfirmBody } from './withdrawal-views.js';
import { requestWithdrawal } from '../../services/request-withdrawal.js';
import { reporterNamesStaff } from '../../services/reporter-names-staff.js';
import { MAX_REPORTER_RECUSALS } from '../../domain/groups.js';
import { ACCOUNT_NAME_MAX } from '../../domain/account-names.js';
import { resumeReporterMessages } from '../../services/resume-reporter-messages.js';
import { recordConsent } from '../../services/record-consent.js';
import { grantsFromForm } from './consent-form.js';
import { deskFileLimits, prepareEvidenceFiles } from '../../services/evidence-file-sealing.js';
import { clearRefusedFiles, refusedFilesFrom, setRefusedFilesCookie, uploadedFiles, withEvidenceUploads } from './evidence-uploads.js';

const STATUS_PATH = '/status';
const NO_REFUSALS = { refused: [], limits: null };

function send(reply: FastifyReply, page: PageContext, title: string, body: ReturnType<typeof html>, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(layout(page, { title, body }));
}

function field(body: unknown, name: string): string {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

const formCsrfToken = (request: FastifyRequest): string => field(request.body, 'csrf');

/** The status page's refusals are pages, not the API's JSON errors: the reporter may have no script to make sense of JSON. */
const PAGE_AUTH: ReporterAuthOptions = {
  csrfToken: formCsrfToken,
  refuse: (request, reply, why) => {
    const page = pageContext(request);
    return why === 'unauthenticated'
      ? send(reply, page, page.t('status.title'), codeForm(page, page.t('status.expired')), 401)
      : send(reply, page, page.t('status.title'), staleFormBody(page), 403);
  },
};

/** The reporter's status pages: enter a code, read the case, add information, sign out. */
export function registerStatusPage(app: FastifyInstance, ctx: ServiceContext, secureCookies: boolean): void {
  const cookieOptions = reporterCookieOptions(secureCookies);

  async function signIn(request: FastifyRequest, reply: FastifyReply, code: string) {
    const page = pageContext(request);
    try {
      const session = await openReporterSession(ctx, code, request.ip);
      void reply.setCookie(REPORTER_COOKIE, session.token, { ...cookieOptions, expires: session.expiresAt });
      // 303 to a clean URL: the code never stays in the address bar or the history.
      return await reply.redirect('/status', 303);
    } catch (error) {
      if (error instanceof TooManyRequests) {
        void reply.header('retry-after', String(error.retryAfterSeconds));
        return send(reply, page, page.t('status.title'), codeForm(page, page.t('status.code.throttled')), 429);
      }
      if (!(error instanceof AppError) || error.code !== 'invalid_credentials') throw error;
      return send(reply, page, page.t('status.title'), codeForm(page, page.t('status.code.wrong')), 401);
    }
  }

  app.get('/status', { schema: { hide: true } }, async (request, reply) => {
    const page = pageContext(request);
    const query = request.query as Record<string, unknown>;
    if (typeof query.code === 'string' && query.code !== '') {
      // A link must not silently swap a session the reporter holds for another case (login
      // CSRF: a page elsewhere could send them into a case someone else controls). With a live
      // session they are asked first; the form posts the code, which the origin check guards.
      const held = await authenticateReporter(ctx, request, formCsrfToken);
      if (held === 'unauthenticated' || held === 'stale_token') return signIn(request, reply, query.code);
      const view = await viewReporterCase(ctx, held);
      return send(reply, page, page.t('status.switch.title'), confirmSwitchBody(page, view.reference, query.code));
    }
    const session = await authenticateReporter(ctx, request, formCsrfToken);
    if (session === 'unauthenticated' || session === 'stale_token') return send(reply, page, page.t('status.title'), codeForm(page, null));
    const view = await viewReporterCase(ctx, session);
    const notice = query.added === '1' ? page.t('status.added')
      : query.withdrawn === '1' ? page.t('status.withdraw.done')
      : query.resumed === '1' ? page.t('status.withdraw.resumed')
      : query.consent === '1' ? page.t('status.consent.saved')
      : query.named === '1' ? page.t('status.notHandledBy.saved') : null;
    // What the last update refused is shown once, with the page that follows it.
    const refused = query.added === '1' ? refusedFilesFrom(request, ctx, STATUS_PATH) : NO_REFUSALS;
    if (refused.refused.length > 0) clearRefusedFiles(reply, STATUS_PATH, secureCookies);
    const uploads = { limits: await deskFileLimits(ctx.db, { caseId: session.caseId }), choseBefore: false, refused };
    return send(reply, page, page.t('status.case.title', { reference: view.reference }), statusBody(page, view, session.csrfToken, notice, null, uploads));
  });

  app.post('/status', { schema: { hide: true } }, async (request, reply) => signIn(request, reply, field(request.body, 'code')));

  withEvidenceUploads(app, (scope) => scope.post('/status/updates', { schema: { hide: true }, preHandler: requireReporter(ctx, PAGE_AUTH) }, async (request, reply) => {
    const page = pageContext(request);
    const session = reporterOf(request);
    const text = field(request.body, 'text');
    const links = field(request.body, 'links').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    const arrived = uploadedFiles(request);
    const hasFiles = arrived.some((f) => f.name !== '' || f.bytes.length > 0);
    const limits = await deskFileLimits(ctx.db, { caseId: session.caseId });
    const parsed = ReporterUpdateSchema.safeParse({ text, links });
    if (!parsed.success) {
      const view = await viewReporterCase(ctx, session);
      const error = page.t(parsed.error.issues[0]?.path[0] === 'links' ? 'status.update.error.links' : 'status.update.error.text');
      const uploads = { limits, choseBefore: hasFiles, refused: NO_REFUSALS };
      return send(reply, page, page.t('status.case.title', { reference: view.reference }), statusBody(page, view, session.csrfToken, null, { text, links: links.join('\n'), error }, uploads), 400);
    }
    // Kept files commit with the update; refused ones are listed on the page that follows.
    const prepared = hasFiles ? prepareEvidenceFiles(ctx.now(), arrived, limits) : { kept: [], refused: [] };
    await addReporterInformation(ctx, session, { ...parsed.data, files: prepared.kept });
    setRefusedFilesCookie(reply, ctx, STATUS_PATH, prepared.refused, limits, secureCookies);
    return reply.redirect('/status?added=1', 303);
  }));

  // Withdrawing is two steps without script: a page that says what it means, then its form.
  app.get('/status/withdraw', { schema: { hide: true } }, async (request, reply) => {
    const page = pageContext(request);
    const session = await authenticateReporter(ctx, request, formCsrfToken);
    if (session === 'unauthenticated' || session === 'stale_token') return send(reply, page, page.t('status.title'), codeForm(page, null), 401);
    const view = await viewReporterCase(ctx, session);
    return send(reply, page, page.t('status.withdraw.title', { reference: view.reference }), withdrawConfirmBody(page, view, session.csrfToken));
  });

  app.post('/status/withdraw', { schema: { hide: true }, preHandler: requireReporter(ctx, PAGE_AUTH) }, async (request, reply) => {
    // Only the confirm step's form carries `confirm`; anything else goes back to that step.
    if (field(request.body, 'confirm') !== 'yes') return reply.redirect('/status/withdraw', 303);
    await requestWithdrawal(ctx, reporterOf(request));
    return reply.redirect('/status?withdrawn=1', 303);
  });

  app.post('/status/messages/resume', { schema: { hide: true }, preHandler: requireReporter(ctx, PAGE_AUTH) }, async (request, reply) => {
    await resumeReporterMessages(ctx, reporterOf(request));
    return reply.redirect('/status?resumed=1', 303);
  });

  app.post('/status/consent', { schema: { hide: true }, preHandler: requireReporter(ctx, PAGE_AUTH) }, async (request, reply) => {
    const session = reporterOf(request);
    const posted = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>).grant : undefined;
    await recordConsent(ctx, { kind: 'party', session }, session.partyId, grantsFromForm(posted));
    return reply.redirect('/status?consent=1#consent-heading', 303);
  });

  app.post('/status/not-handled-by', { schema: { hide: true }, preHandler: requireReporter(ctx, PAGE_AUTH) }, async (request, reply) => {
    const page = pageContext(request);
    const session = reporterOf(request);
    const names = field(request.body, 'names').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    if (names.length === 0 || names.length > MAX_REPORTER_RECUSALS || names.some((n) => n.length > ACCOUNT_NAME_MAX)) {
      const view = await viewReporterCase(ctx, session);
      const uploads = { limits: await deskFileLimits(ctx.db, { caseId: session.caseId }), choseBefore: false, refused: NO_REFUSALS };
      return send(reply, page, page.t('status.case.title', { reference: view.reference }),
        statusBody(page, view, session.csrfToken, null, null, uploads, { names: names.join('\n'), error: page.t('status.notHandledBy.error') }), 400);
    }
    await reporterNamesStaff(ctx, session, names);
    return reply.redirect('/status?named=1#not-handled-by-heading', 303);
  });

  registerLostCodePages(app, ctx, secureCookies);

  app.post('/status/sign-out', { schema: { hide: true } }, async (request, reply) => {
    const token = request.cookies[REPORTER_COOKIE];
    if (token !== undefined) await closeReporterSession(ctx, token);
    void reply.clearCookie(REPORTER_COOKIE, cookieOptions);
    return reply.redirect('/status', 303);
  });
}
