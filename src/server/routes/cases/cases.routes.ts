import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listCaseQueue } from '../../../services/list-queue.js';
import { viewCase } from '../../../services/view-case.js';
import { assignCaseToSelf } from '../../../services/assign-case.js';
import { sendReply } from '../../../services/send-reply.js';
import { closeCase } from '../../../services/close-case.js';
import { CloseBody } from '../../../shared/api/closing.js';
import type { ServiceContext } from '../../../services/context.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import {
  AssignBody, CaseResponse, EvidenceFileParams, EvidenceMarkBody, EvidenceParams, EvidenceRevealResponse, QueueQuery, QueueResponse, ReferenceParams, ReplyBody,
} from '../../../shared/api/cases.js';
import { markEvidence } from '../../../services/mark-evidence.js';
import { revealEvidence } from '../../../services/reveal-evidence.js';
import { openEvidenceFile } from '../../../services/open-evidence-file.js';
import { evidenceFileHeaders } from './evidence-file-headers.js';
import { presentCase, presentQueue } from './cases.presenters.js';
import { STAFF_ONLY } from '../../openapi.js';

/** The handler's queue, case page, assignment and replies. */
export function caseRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));

    app.get('/api/v1/cases', {
      schema: { tags: ['cases'], security: STAFF_ONLY, querystring: QueueQuery, response: { 200: QueueResponse, ...errorResponses(400, 401, 403) } },
    }, async (request) => presentQueue(await listCaseQueue(ctx, staffOf(request).actor, request.query)));

    app.get('/api/v1/cases/:reference', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: ReferenceParams, response: { 200: CaseResponse, ...errorResponses(400, 401, 403, 404) } },
    }, async (request) => presentCase(await viewCase(ctx, staffOf(request).actor, request.params.reference), ctx.now()));

    app.post('/api/v1/cases/:reference/assign', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: ReferenceParams, body: AssignBody, response: { 200: CaseResponse, ...errorResponses(400, 401, 403, 404, 409, 413, 415) } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      await assignCaseToSelf(ctx, actor, request.params.reference, { takeOver: request.body?.takeOver === true });
      return presentCase(await viewCase(ctx, actor, request.params.reference), ctx.now());
    });

    app.post('/api/v1/cases/:reference/close', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: ReferenceParams, body: CloseBody, response: { 200: CaseResponse, ...errorResponses(400, 401, 403, 404, 409, 413, 415) } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      const b = request.body;
      await closeCase(ctx, actor, request.params.reference, {
        outcome: b.outcome, closingRecord: b.closingRecord, messages: b.messages, nextSteps: b.nextSteps ?? null,
        followUpAt: b.followUpAt == null ? null : new Date(b.followUpAt), duplicateOf: b.duplicateOf ?? null,
        actions: b.actions?.map((a) => ({
          partyId: a.partyId, kind: a.kind, description: a.description ?? null, appeal: a.appeal, logUrl: a.logUrl ?? null,
          expiresAt: a.expiresAt == null ? null : new Date(a.expiresAt).toISOString(),
        })) ?? null,
      });
      return presentCase(await viewCase(ctx, actor, request.params.reference), ctx.now());
    });

    app.post('/api/v1/cases/:reference/replies', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: ReferenceParams, body: ReplyBody, response: { 201: CaseResponse, ...errorResponses(400, 401, 403, 404, 409, 413, 415) } },
    }, async (request, reply) => {
      const actor = staffOf(request).actor;
      const { partyId, body, promiseUpdateBy, templateId, confirmBoilerplate, leakOverrideReason } = request.body;
      await sendReply(ctx, actor, request.params.reference, {
        partyId, body, promiseUpdateBy: promiseUpdateBy == null ? null : new Date(promiseUpdateBy),
        template: templateId == null ? null : { templateId, confirmBoilerplate: confirmBoilerplate === true },
        ...(leakOverrideReason === undefined ? {} : { leakOverrideReason }),
      });
      return reply.code(201).send(presentCase(await viewCase(ctx, actor, request.params.reference), ctx.now()));
    });

    app.put('/api/v1/cases/:reference/evidence/:evidenceId/marking', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: EvidenceParams, body: EvidenceMarkBody, response: { 200: CaseResponse, ...errorResponses(400, 401, 403, 404, 413, 415) } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      await markEvidence(ctx, actor, request.params.reference, { evidenceId: request.params.evidenceId, personalInformation: request.body.personalInformation });
      return presentCase(await viewCase(ctx, actor, request.params.reference), ctx.now());
    });

    app.post('/api/v1/cases/:reference/evidence/:evidenceId/reveal', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: EvidenceParams, response: { 200: EvidenceRevealResponse, ...errorResponses(400, 401, 403, 404) } },
    }, async (request) => ({ url: await revealEvidence(ctx, staffOf(request).actor, request.params.reference, request.params.evidenceId) }));

    // The file itself, not JSON: it declares no response schema (the contract covers JSON
    // answers), and its errors are Haven's usual JSON ones. Opening it is logged.
    app.get('/api/v1/cases/:reference/files/:fileId', {
      schema: {
        tags: ['cases'], security: STAFF_ONLY, params: EvidenceFileParams,
        description: 'An evidence file as stored: an image (shown inline, sandboxed) or a PDF (always a download). Every request is audited.',
      },
    }, async (request, reply) => {
      const file = await openEvidenceFile(ctx, staffOf(request).actor, request.params.reference, request.params.fileId);
      return reply.headers(evidenceFileHeaders(request.params.reference, file)).send(file.bytes);
    });
  };
}
