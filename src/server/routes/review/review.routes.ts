import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../../services/context.js';
import { viewReview, type ReviewView } from '../../../services/view-review.js';
import { markForReview } from '../../../services/mark-for-review.js';
import { startReview } from '../../../services/start-review.js';
import { signOffCase } from '../../../services/sign-off-case.js';
import { addReviewNote } from '../../../services/add-review-note.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { ReferenceParams } from '../../../shared/api/cases.js';
import { ReviewMarkBody, ReviewNoteBody, ReviewResponse, SignOffBody } from '../../../shared/api/routing.js';
import { STAFF_ONLY } from '../../openapi.js';

const WRITE_ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 415);

function presentReview(view: ReviewView): ReviewResponse {
  return {
    requiresReview: view.state.requiresReview, requiredSignOffs: view.required, approvals: view.state.signOffs,
    mayClose: !view.state.requiresReview || view.state.signOffs >= view.required,
    canSignOff: view.canSignOff,
    signOffs: view.signOffs.map((s) => ({ by: s.username, decision: s.decision, comment: s.comment, at: s.at.toISOString() })),
    notes: view.notes.map((n) => ({ id: n.id, by: n.authorUsername, body: n.body, at: n.at.toISOString() })),
  };
}

/** Private review: marking a case, asking its reviewers, their sign-offs and their discussion. */
export function reviewRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    const view = async (actorRef: Parameters<typeof viewReview>[1], reference: string) => presentReview(await viewReview(ctx, actorRef, reference));

    app.get('/api/v1/cases/:reference/review', {
      schema: { tags: ['review'], security: STAFF_ONLY, params: ReferenceParams, response: { 200: ReviewResponse, ...errorResponses(400, 401, 404) } },
    }, async (request) => view(staffOf(request).actor, request.params.reference));

    app.post('/api/v1/cases/:reference/review/mark', {
      schema: { tags: ['review'], security: STAFF_ONLY, params: ReferenceParams, body: ReviewMarkBody, response: { 200: ReviewResponse, ...WRITE_ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      await markForReview(ctx, actor, request.params.reference, request.body.reason);
      return view(actor, request.params.reference);
    });

    app.post('/api/v1/cases/:reference/review/start', {
      schema: { tags: ['review'], security: STAFF_ONLY, params: ReferenceParams, response: { 200: ReviewResponse, ...WRITE_ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      await startReview(ctx, actor, request.params.reference);
      return view(actor, request.params.reference);
    });

    app.post('/api/v1/cases/:reference/sign-offs', {
      schema: { tags: ['review'], security: STAFF_ONLY, params: ReferenceParams, body: SignOffBody, response: { 201: ReviewResponse, ...WRITE_ERRORS } },
    }, async (request, reply) => {
      const actor = staffOf(request).actor;
      await signOffCase(ctx, actor, request.params.reference, request.body);
      return reply.code(201).send(await view(actor, request.params.reference));
    });

    app.post('/api/v1/cases/:reference/review/notes', {
      schema: { tags: ['review'], security: STAFF_ONLY, params: ReferenceParams, body: ReviewNoteBody, response: { 201: ReviewResponse, ...WRITE_ERRORS } },
    }, async (request, reply) => {
      const actor = staffOf(request).actor;
      await addReviewNote(ctx, actor, request.params.reference, request.body.body);
      return reply.code(201).send(await view(actor, request.params.reference));
    });
  };
}
