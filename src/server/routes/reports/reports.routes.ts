import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { submitReport } from '../../../services/submit-report.js';
import { fileReportOnce } from '../../../services/file-report-once.js';
import { AppError, TooManyRequests } from '../../../services/errors.js';
import { admitReport } from '../../../services/admit-report.js';
import type { ServiceContext } from '../../../services/context.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { IDEMPOTENCY_KEY_PATTERN, ReportBody, ReportCreatedResponse, ReportHeaders } from '../../../shared/api/reports.js';

const CODE_GONE = 'The access code was shown when this report was filed and Haven no longer has it. A reporter who left an email address can ask for a sign-in link on the status page.';

/** POST /api/v1/reports: public intake, the same fields as the form, with an optional Idempotency-Key. */
export function reportRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/v1/reports', {
      schema: {
        tags: ['intake'],
        summary: 'File a report. Needs no account. The access code is in the answer; send an Idempotency-Key to retry safely.',
        headers: ReportHeaders,
        body: ReportBody,
        response: { 201: ReportCreatedResponse, ...errorResponses(400, 403, 409, 413, 415, 422, 429) },
      },
    }, async (request, reply) => {
      // The same limits as the form, counted before anything is written. An API client has no
      // challenge to solve, so past the overall limit it waits like a browser without script.
      const admission = await admitReport(ctx, { source: request.ip, pow: null });
      if (!admission.admitted) {
        throw new TooManyRequests(admission.reason === 'source'
          ? 'Too many reports came from this address in a short time. Nothing was filed. Send it again after the time in Retry-After.'
          : 'Haven is taking many reports at once. Nothing was filed. Send it again after the time in Retry-After.', admission.retryAfterSeconds);
      }
      const header = request.headers['idempotency-key'];
      const key = header === undefined ? undefined : IDEMPOTENCY_KEY_PATTERN.exec(header)?.[1];
      if (key === undefined) {
        const receipt = await submitReport(ctx, request.body, 'api');
        return reply.status(201).send({ reference: receipt.reference, accessCode: receipt.accessCode });
      }
      const filed = await fileReportOnce(ctx, { scope: 'api', key, input: request.body, source: 'api' }, { waitForFirst: false });
      switch (filed.kind) {
        case 'filed':
          return reply.status(201).send({ reference: filed.receipt.reference, accessCode: filed.receipt.accessCode });
        case 'repeat':
          // The draft asks for the first request's answer; 201 and the same reference it is.
          return reply.status(201).send(filed.accessCode === null
            ? { reference: filed.reference, note: CODE_GONE }
            : { reference: filed.reference, accessCode: filed.accessCode });
        case 'key_reused':
          throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used for another report. Send a new key with a new report.');
        case 'in_flight':
          throw new AppError('idempotency_key_in_flight', 'A request with this Idempotency-Key is still being processed. Send it again, unchanged, in a moment.');
      }
    });
  };
}
