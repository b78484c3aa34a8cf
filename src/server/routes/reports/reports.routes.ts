import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { submitReport } from '../../../services/submit-report.js';
import type { ServiceContext } from '../../../services/context.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { ReportBody, ReportCreatedResponse } from '../../../shared/api/reports.js';

/** POST /api/v1/reports: public intake, the same fields as the form. */
export function reportRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/v1/reports', {
      schema: {
        tags: ['intake'],
        summary: 'File a report. Needs no account. The access code is returned once and never again.',
        body: ReportBody,
        response: { 201: ReportCreatedResponse, ...errorResponses(400, 403, 413, 415) },
      },
    }, async (request, reply) => {
      const receipt = await submitReport(ctx, request.body, 'api');
      return reply.status(201).send({ reference: receipt.reference, accessCode: receipt.accessCode });
    });
  };
}
