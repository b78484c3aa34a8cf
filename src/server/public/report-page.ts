import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReportInputSchema } from '../../shared/report-input.js';
import { fileReportOnce } from '../../services/file-report-once.js';
import { isIssuedFormToken, issueFormToken } from '../../services/security/form-token.js';
import { listAllDesks } from '../../services/list-desks.js';
import { AppError } from '../../services/errors.js';
import type { ServiceContext } from '../../services/context.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { pageContext, type PageContext } from './page-context.js';
import { emptyReportForm, reportForm, type DeskChoice, type FormErrors, type ReportFormValues } from './report-form.js';
import { alreadySentBody } from './receipt.js';
import { redirectToReceipt, registerReceiptPage, setReceiptCookie } from './receipt-page.js';

const FIELDS = Object.keys(emptyReportForm('en')) as (keyof ReportFormValues)[];

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

function record(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

function formValues(body: unknown, language: string): ReportFormValues {
  const values = emptyReportForm(language);
  for (const field of FIELDS) {
    const raw = record(body)[field];
    const value = Array.isArray(raw) ? raw.join('\n') : raw;
    if (typeof value === 'string') values[field] = value;
  }
  return values;
}

/** Turns what the form sent into the intake's input; every problem is reported per field. */
function toInput(values: ReportFormValues, t: PageContext['t']) {
  const candidate = {
    reporterRole: values.reporterRole,
    reportedAccounts: lines(values.reportedAccounts),
    ...(values.targetAccount.trim() === '' ? {} : { targetAccount: values.targetAccount.trim() }),
    links: lines(values.links),
    description: values.description,
    category: values.category,
    immediateDanger: values.immediateDanger === 'yes' ? true : values.immediateDanger === 'no' ? false : undefined,
    ...(values.contactEmail.trim() === '' ? {} : { contactEmail: values.contactEmail.trim() }),
    language: values.language,
    ...(values.desk === '' ? {} : { desk: values.desk }),
    ...(lines(values.notHandledBy).length === 0 ? {} : { notHandledBy: lines(values.notHandledBy) }),
  };
  const parsed = ReportInputSchema.safeParse(candidate);
  if (parsed.success) return { input: parsed.data, errors: {} as FormErrors };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && FIELDS.includes(field as keyof ReportFormValues) && errors[field as keyof ReportFormValues] === undefined) {
      errors[field as keyof ReportFormValues] = t(`report.error.${field}`);
    }
  }
  return { input: null, errors };
}

interface FormState { values: ReportFormValues; errors: FormErrors; token: string; desks: DeskChoice[]; notice?: string }

async function deskChoices(ctx: ServiceContext): Promise<DeskChoice[]> {
  return (await listAllDesks(ctx)).map((d) => ({ slug: d.slug, reporterName: d.reporterName }));
}

function renderForm(reply: FastifyReply, page: PageContext, form: FormState, status: number) {
  const { t } = page;
  const title = Object.keys(form.errors).length > 0 || form.notice !== undefined ? t('report.title.errors') : t('report.title');
  const body = html`<h1>${t('report.heading')}</h1>
${form.notice === undefined ? '' : html`<p class="notice urgent" role="alert">${form.notice}</p>`}
<p class="notice urgent">${t('report.emergency')}</p>
<p>${t('report.intro')}</p>
${reportForm(page, form.values, form.errors, form.token, form.desks)}`;
  return reply.status(status).type('text/html; charset=utf-8').send(layout(page, { title, body }));
}

/** The desk a link asked for (`/report?desk=SLUG`), when there is such a desk to choose. */
function askedDesk(request: FastifyRequest, desks: DeskChoice[]): string {
  const query = request.query as Record<string, unknown> | undefined;
  const slug = query?.desk;
  return typeof slug === 'string' && desks.some((d) => d.slug === slug) ? slug : '';
}

/**
 * The public report form. GET shows it with a fresh one-time token (with several desks, a link
 * may preselect one with `?desk=SLUG`); POST files the report at most once per token and
 * answers with a redirect to the receipt, or returns the form with its errors. A reload, a
 * double click or a resent post all lead to the one receipt.
 */
export function registerReportPage(app: FastifyInstance, ctx: ServiceContext, secureCookies: boolean): void {
  app.get('/report', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const page = pageContext(request);
    const desks = await deskChoices(ctx);
    const values = { ...emptyReportForm(page.language), desk: askedDesk(request, desks) };
    return renderForm(reply, page, { values, errors: {}, token: issueFormToken(ctx.cipher), desks }, 200);
  });

  app.post('/report', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const page = pageContext(request);
    const values = formValues(request.body, page.language);
    const sent = record(request.body).formToken;
    const token = typeof sent === 'string' && isIssuedFormToken(ctx.cipher, sent) ? sent : null;
    const { input, errors } = toInput(values, page.t);
    if (input === null) return renderForm(reply, page, { values, errors, token: token ?? issueFormToken(ctx.cipher), desks: await deskChoices(ctx) }, 400);
    // A form without a token of ours (a page from before an upgrade, a made-up post) files
    // nothing: it comes back, as typed, with a fresh token, to be sent once more.
    if (token === null) {
      return renderForm(reply, page, {
        values, errors: {}, token: issueFormToken(ctx.cipher), desks: await deskChoices(ctx), notice: page.t('report.token.stale'),
      }, 400);
    }
    // A desk that is missing (several desks, none chosen) or gone is answered beside its field;
    // nothing was written, not even the token's row, so the same form can be sent again.
    const filed = await fileReportOnce(ctx, { scope: 'form', key: token, input, source: 'web' }, { waitForFirst: true }).catch((error: unknown) => {
      if (error instanceof AppError && error.fields?.some((f) => f.path === 'desk') === true) return null;
      throw error;
    });
    if (filed === null) {
      return renderForm(reply, page, { values, errors: { desk: page.t('report.error.desk') }, token, desks: await deskChoices(ctx) }, 400);
    }
    switch (filed.kind) {
      case 'filed':
      case 'repeat':
        return redirectToReceipt(reply, token, secureCookies);
      case 'key_reused':
        // The form was sent, then changed (back button) and sent again: its first report stands.
        setReceiptCookie(reply, token, secureCookies);
        return reply.status(422).type('text/html; charset=utf-8')
          .send(layout(page, { title: page.t('report.sent.heading'), body: alreadySentBody(page) }));
      case 'in_flight':
        throw new Error('fileReportOnce answered in_flight although asked to wait for the first request');
    }
  });

  registerReceiptPage(app, ctx);
}
