import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReportInputSchema } from '../../shared/report-input.js';
import { submitReport } from '../../services/submit-report.js';
import { listAllDesks } from '../../services/list-desks.js';
import { AppError } from '../../services/errors.js';
import type { ServiceContext } from '../../services/context.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { pageContext, type PageContext } from './page-context.js';
import { emptyReportForm, reportForm, type DeskChoice, type FormErrors, type ReportFormValues } from './report-form.js';
import { receiptBody } from './receipt.js';

const FIELDS = Object.keys(emptyReportForm('en')) as (keyof ReportFormValues)[];

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

function formValues(body: unknown, language: string): ReportFormValues {
  const values = emptyReportForm(language);
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  for (const field of FIELDS) {
    const raw = record[field];
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

async function deskChoices(ctx: ServiceContext): Promise<DeskChoice[]> {
  return (await listAllDesks(ctx)).map((d) => ({ slug: d.slug, reporterName: d.reporterName }));
}

function renderForm(reply: FastifyReply, page: PageContext, form: { values: ReportFormValues; errors: FormErrors; desks: DeskChoice[] }, status: number) {
  const { t } = page;
  const { values, errors } = form;
  const title = Object.keys(errors).length > 0 ? t('report.title.errors') : t('report.title');
  const body = html`<h1>${t('report.heading')}</h1>
<p>${t('report.intro')}</p>
<p class="notice">${t('report.emergency')}</p>
${reportForm(page, values, errors, form.desks)}`;
  return reply.status(status).type('text/html; charset=utf-8').send(layout(page, { title, body }));
}

/** The desk a link asked for (`/report?desk=SLUG`), when there is such a desk to choose. */
function askedDesk(request: FastifyRequest, desks: DeskChoice[]): string {
  const query = request.query as Record<string, unknown> | undefined;
  const slug = query?.desk;
  return typeof slug === 'string' && desks.some((d) => d.slug === slug) ? slug : '';
}

/**
 * The public report form: GET shows it (with several desks, a link may preselect one with
 * `?desk=SLUG`), POST files the report or returns the form with its errors.
 */
export function registerReportPage(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/report', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const page = pageContext(request);
    const desks = await deskChoices(ctx);
    const values = { ...emptyReportForm(page.language), desk: askedDesk(request, desks) };
    return renderForm(reply, page, { values, errors: {}, desks }, 200);
  });

  app.post('/report', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const page = pageContext(request);
    const values = formValues(request.body, page.language);
    const { input, errors } = toInput(values, page.t);
    if (input === null) return renderForm(reply, page, { values, errors, desks: await deskChoices(ctx) }, 400);
    // A desk that is missing (several desks, none chosen) or gone is answered beside its field.
    const receipt = await submitReport(ctx, input, 'web').catch((error: unknown) => {
      if (error instanceof AppError && error.fields?.some((f) => f.path === 'desk') === true) return null;
      throw error;
    });
    if (receipt === null) return renderForm(reply, page, { values, errors: { desk: page.t('report.error.desk') }, desks: await deskChoices(ctx) }, 400);
    return reply.status(201).type('text/html; charset=utf-8')
      .send(layout(page, { title: page.t('receipt.title'), body: receiptBody(page, receipt, input.immediateDanger) }));
  });
}
