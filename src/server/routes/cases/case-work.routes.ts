import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { viewCase } from '../../../services/view-case.js';
import { moveCaseStatus } from '../../../services/move-case-status.js';
import { addNote } from '../../../services/add-note.js';
import { reopenCase } from '../../../services/reopen-case.js';
import { continueAfterWithdrawal } from '../../../services/continue-after-withdrawal.js';
import type { ServiceContext } from '../../../services/context.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { CaseResponse, ReferenceParams } from '../../../shared/api/cases.js';
import { MergeBody, NoteBody, ReopenBody, StatusBody, WithdrawalDecisionBody } from '../../../shared/api/case-work.js';
import { mergeCase } from '../../../services/merge-case.js';
import { presentCase } from './cases.presenters.js';
import { STAFF_ONLY } from '../../openapi.js';

const ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 415);

/** Working a case: status moves (waiting included), merging a duplicate, private notes, reopening, the decision on a withdrawal. */
export function caseWorkRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));

    app.post('/api/v1/cases/:reference/status', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: ReferenceParams, body: StatusBody, response: { 200: CaseResponse, ...ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      await moveCaseStatus(ctx, actor, request.params.reference, request.body);
      return presentCase(await viewCase(ctx, actor, request.params.reference), ctx.now());
    });

    // Answers with the surviving case: the duplicate's reference now leads there.
    app.post('/api/v1/cases/:reference/merge', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: ReferenceParams, body: MergeBody, response: { 200: CaseResponse, ...ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      const survivor = await mergeCase(ctx, actor, request.params.reference, request.body);
      return presentCase(await viewCase(ctx, actor, survivor), ctx.now());
    });

    app.post('/api/v1/cases/:reference/notes', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: ReferenceParams, body: NoteBody, response: { 201: CaseResponse, ...errorResponses(400, 401, 403, 404, 413, 415) } },
    }, async (request, reply) => {
      const actor = staffOf(request).actor;
      await addNote(ctx, actor, request.params.reference, request.body.body);
      return reply.code(201).send(presentCase(await viewCase(ctx, actor, request.params.reference), ctx.now()));
    });

    app.post('/api/v1/cases/:reference/reopen', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: ReferenceParams, body: ReopenBody, response: { 200: CaseResponse, ...ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      await reopenCase(ctx, actor, request.params.reference, request.body.reason);
      return presentCase(await viewCase(ctx, actor, request.params.reference), ctx.now());
    });

    app.post('/api/v1/cases/:reference/withdrawal/decision', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: ReferenceParams, body: WithdrawalDecisionBody, response: { 200: CaseResponse, ...ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      await continueAfterWithdrawal(ctx, actor, request.params.reference, request.body.message);
      return presentCase(await viewCase(ctx, actor, request.params.reference), ctx.now());
    });
  };
}
