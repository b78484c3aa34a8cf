import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReportInputSchema } from '../../shared/report-input.js';
import { submitReport } from '../../services/submit-report.js';
import type { ServiceContext } from '../../services/context.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { pageContext, type PageContext } from './page-context.js';
import { emptyReportForm, reportForm, type FormErrors, type ReportFormValues } from './report-form.js';
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

function renderForm(reply: FastifyReply, page: PageContext, values: ReportFormValues, errors: FormErrors, status: number) {
  const { t } = page;
  const title = Object.keys(errors).length > 0 ? t('report.title.errors') : t('report.title');
  const body = html`<h1>${t('report.heading')}</h1>
<p>${t('report.intro')}</p>
<p class="notice">${t('report.emergency')}</p>
${reportForm(page, values, errors)}`;
  return reply.status(status).type('text/html; charset=utf-8').send(layout(page, { title, body }));
}

/** The public report form: GET shows it, POST files the report or returns the form with its errors. */
export function registerReportPage(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/report', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const page = pageContext(request);
    return renderForm(reply, page, emptyReportForm(page.language), {}, 200);
  });

  app.post('/report', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const page = pageContext(request);
    const values = formValues(request.body, page.language);
    const { input, errors } = toInput(values, page.t);
    if (input === null) return renderForm(reply, page, values, errors, 400);
    const receipt = await submitReport(ctx, input, 'web');
    return reply.status(201).type('text/html; charset=utf-8')
      .send(layout(page, { title: page.t('receipt.title'), body: receiptBody(page, receipt, input.immediateDanger) }));
  });
}
