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
import { admitReport, intakeChallenge, type Admission } from '../../services/admit-report.js';
import type { PowChallenge } from '../../services/security/proof-of-work.js';
import { RECEIPT_PATH, redirectToReceipt, registerReceiptPage, setReceiptCookie } from './receipt-page.js';
import { deskFileLimits, prepareEvidenceFiles } from '../../services/evidence-file-sealing.js';
import { DEFAULT_EVIDENCE_FILE_LIMITS, type EvidenceFileLimits } from '../../domain/evidence-files.js';
import { setRefusedFilesCookie, uploadedFiles, withEvidenceUploads } from './evidence-uploads.js';

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
    privateLinks: lines(values.privateLinks),
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

interface FormState {
  values: ReportFormValues; errors: FormErrors; token: string; desks: DeskChoice[]; notice?: string;
  /** Under pressure: the challenge the form's script solves (and the only time a script loads). */
  challenge?: PowChallenge | null;
  /** The limits on files the form states; whether files chosen before are gone (a form that comes back cannot keep them). */
  files: { limits: EvidenceFileLimits; choseBefore: boolean };
}

async function deskChoices(ctx: ServiceContext): Promise<DeskChoice[]> {
  return (await listAllDesks(ctx)).map((d) => ({ slug: d.slug, reporterName: d.reporterName }));
}

function renderForm(reply: FastifyReply, page: PageContext, form: FormState, status: number) {
  const { t } = page;
  const title = Object.keys(form.errors).length > 0 || form.notice !== undefined ? t('report.title.errors') : t('report.title');
  const challenge = form.challenge ?? null;
  const body = html`<h1>${t('report.heading')}</h1>
${form.notice === undefined ? '' : html`<p class="notice urgent" role="alert">${form.notice}</p>`}
<p class="notice urgent">${t('report.emergency')}</p>
<p>${t('report.intro')}</p>
${reportForm(page, form.values, form.errors, form.token, form.desks, form.files, challenge)}`;
  return reply.status(status).type('text/html; charset=utf-8').send(layout(page, { title, body, ...(challenge === null ? {} : { scripts: ['/assets/pow.js'] }) }));
}

/**
 * The calm answer when intake is full (503) or this source sent too many (429): what happened,
 * when to try again, the emergency advice, and the form again with everything the reporter
 * typed and the same one-time token, so sending it again can never file it twice.
 */
function renderBusy(reply: FastifyReply, page: PageContext, form: FormState, refused: Exclude<Admission, { admitted: true }>) {
  const { t } = page;
  const seconds = String(refused.retryAfterSeconds);
  const body = html`<h1>${t('report.busy.heading')}</h1>
<p class="notice" role="alert">${t(refused.reason === 'source' ? 'report.busy.source' : 'report.busy.overall', { seconds })}</p>
<p class="notice urgent">${t('report.emergency')}</p>
${reportForm(page, form.values, form.errors, form.token, form.desks, form.files, form.challenge ?? null)}`;
  const scripts = form.challenge === null || form.challenge === undefined ? {} : { scripts: ['/assets/pow.js'] };
  return reply.status(refused.reason === 'source' ? 429 : 503).header('retry-after', seconds)
    .type('text/html; charset=utf-8').send(layout(page, { title: t('report.busy.title'), body, ...scripts }));
}

function powOf(body: unknown): string | null {
  const sent = record(body).pow;
  return typeof sent === 'string' && sent !== '' ? sent : null;
}

/** The limits the form states and applies: those of the desk chosen, or of the only desk; the defaults until a desk is chosen. */
async function formLimits(ctx: ServiceContext, desk: string): Promise<EvidenceFileLimits> {
  return deskFileLimits(ctx.db, { slug: desk === '' ? undefined : desk });
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
    const files = { limits: await formLimits(ctx, values.desk), choseBefore: false };
    return renderForm(reply, page, { values, errors: {}, token: issueFormToken(ctx.cipher), desks, files, challenge: await intakeChallenge(ctx) }, 200);
  });

  withEvidenceUploads(app, (scope) => scope.post('/report', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const page = pageContext(request);
    const values = formValues(request.body, page.language);
    const sent = record(request.body).formToken;
    const token = typeof sent === 'string' && isIssuedFormToken(ctx.cipher, sent) ? sent : null;
    const arrived = uploadedFiles(request);
    const hasFiles = arrived.some((f) => f.name !== '' || f.bytes.length > 0);
    // The desk's limits are read only when there are files to hold to them: a report without
    // files goes to intake with no extra query first, as it always did.
    const limits = hasFiles ? await formLimits(ctx, values.desk) : DEFAULT_EVIDENCE_FILE_LIMITS;
    const formFiles = async () => ({ limits: hasFiles ? limits : await formLimits(ctx, values.desk), choseBefore: hasFiles });
    const { input, errors } = toInput(values, page.t);
    if (input === null) {
      return renderForm(reply, page, {
        values, errors, token: token ?? issueFormToken(ctx.cipher), desks: await deskChoices(ctx), files: await formFiles(), challenge: await intakeChallenge(ctx),
      }, 400);
    }
    // A form without a token of ours (a page from before an upgrade, a made-up post) files
    // nothing: it comes back, as typed, with a fresh token, to be sent once more.
    if (token === null) {
      return renderForm(reply, page, {
        values, errors: {}, token: issueFormToken(ctx.cipher), desks: await deskChoices(ctx), notice: page.t('report.token.stale'),
        files: await formFiles(), challenge: await intakeChallenge(ctx),
      }, 400);
    }
    // Limits are counted before anything is written; a refused report is handed back whole
    // (its files must be chosen again: a form that comes back cannot keep them).
    const admission = await admitReport(ctx, { source: request.ip, pow: powOf(request.body) });
    if (!admission.admitted) {
      return renderBusy(reply, page, { values, errors: {}, token, desks: await deskChoices(ctx), files: await formFiles(), challenge: await intakeChallenge(ctx) }, admission);
    }
    // Files are checked against the desk's limits and types here, before anything is written;
    // those kept commit with the report, those refused are listed on the receipt, and the
    // report is filed either way.
    const prepared = hasFiles ? prepareEvidenceFiles(ctx.now(), arrived, limits) : { kept: [], refused: [] };
    // A desk that is missing (several desks, none chosen) or gone is answered beside its field;
    // nothing was written, not even the token's row, so the same form can be sent again.
    const filed = await fileReportOnce(ctx, { scope: 'form', key: token, input, source: 'web', files: prepared.kept }, { waitForFirst: true }).catch((error: unknown) => {
      if (error instanceof AppError && error.fields?.some((f) => f.path === 'desk') === true) return null;
      throw error;
    });
    if (filed === null) {
      return renderForm(reply, page, {
        values, errors: { desk: page.t('report.error.desk') }, token, desks: await deskChoices(ctx), files: await formFiles(), challenge: await intakeChallenge(ctx),
      }, 400);
    }
    switch (filed.kind) {
      case 'filed':
      case 'repeat':
        setRefusedFilesCookie(reply, ctx, RECEIPT_PATH, prepared.refused, limits, secureCookies);
        return redirectToReceipt(reply, token, secureCookies);
      case 'key_reused':
        // The form was sent, then changed (back button) and sent again: its first report stands.
        setReceiptCookie(reply, token, secureCookies);
        return reply.status(422).type('text/html; charset=utf-8')
          .send(layout(page, { title: page.t('report.sent.heading'), body: alreadySentBody(page) }));
      case 'in_flight':
        throw new Error('fileReportOnce answered in_flight although asked to wait for the first request');
    }
  }));

  registerReceiptPage(app, ctx);
}
