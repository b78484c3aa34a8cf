import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../../services/context.js';
import { viewReferral, type ReferralView } from '../../../services/view-referral.js';
import { sendReferral } from '../../../services/send-referral.js';
import { answerReferral } from '../../../services/answer-referral.js';
import { takeBackReferral } from '../../../services/take-back-referral.js';
import { setVenueAddress, viewVenueAddresses } from '../../../services/venue-addresses.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { ReferenceParams } from '../../../shared/api/cases.js';
import { DeskParams } from '../../../shared/api/routing.js';
import {
  ReferralAnswerBody, ReferralResponse, SendReferralBody, TakeBackBody, VenueAddressBody, VenueAddressesResponse, VenueAddressParams,
} from '../../../shared/api/referrals.js';
import { STAFF_ONLY } from '../../openapi.js';

const WRITE_ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 415);

/** Which fields of a case's referrals leave the server: never the reporter's address, only whether it went. */
function present(view: ReferralView): ReferralResponse {
  return {
    venue: view.venue, addressSet: view.addressSet, preview: view.preview,
    referrals: view.referrals.map((r) => ({
      id: r.id, venue: r.venue, sentAt: r.sentAt.toISOString(), sentBy: r.sentByName, packet: r.packet, answer: r.answer,
      answeredAt: r.answeredAt?.toISOString() ?? null, endedAt: r.endedAt?.toISOString() ?? null, endedHow: r.endedHow,
    })),
  };
}

/** Referrals to outside venues: the packet, sending it, the venue's answer, taking the case back; and where venues are written to. */
export function referralRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));

    app.get('/api/v1/cases/:reference/referral', {
      schema: { tags: ['referrals'], security: STAFF_ONLY, params: ReferenceParams, response: { 200: ReferralResponse, ...errorResponses(400, 401, 404) } },
    }, async (request) => present(await viewReferral(ctx, staffOf(request).actor, request.params.reference)));

    app.post('/api/v1/cases/:reference/referral', {
      schema: { tags: ['referrals'], security: STAFF_ONLY, params: ReferenceParams, body: SendReferralBody, response: { 200: ReferralResponse, ...WRITE_ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      await sendReferral(ctx, actor, request.params.reference, request.body.summary);
      return present(await viewReferral(ctx, actor, request.params.reference));
    });

    app.post('/api/v1/cases/:reference/referral/answer', {
      schema: { tags: ['referrals'], security: STAFF_ONLY, params: ReferenceParams, body: ReferralAnswerBody, response: { 200: ReferralResponse, ...WRITE_ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      await answerReferral(ctx, actor, request.params.reference, request.body.answer);
      return present(await viewReferral(ctx, actor, request.params.reference));
    });

    app.post('/api/v1/cases/:reference/referral/take-back', {
      schema: { tags: ['referrals'], security: STAFF_ONLY, params: ReferenceParams, body: TakeBackBody, response: { 200: ReferralResponse, ...WRITE_ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      await takeBackReferral(ctx, actor, request.params.reference, request.body.reason);
      return present(await viewReferral(ctx, actor, request.params.reference));
    });

    app.get('/api/v1/desks/:slug/venue-addresses', {
      schema: { tags: ['referrals'], security: STAFF_ONLY, params: DeskParams, response: { 200: VenueAddressesResponse, ...errorResponses(400, 401, 403, 404) } },
    }, async (request) => ({ venues: await viewVenueAddresses(ctx, staffOf(request).actor, request.params.slug) }));

    app.put('/api/v1/desks/:slug/venue-addresses/:venue', {
      schema: { tags: ['referrals'], security: STAFF_ONLY, params: VenueAddressParams, body: VenueAddressBody, response: { 200: VenueAddressesResponse, ...WRITE_ERRORS } },
    }, async (request) => ({
      venues: await setVenueAddress(ctx, staffOf(request).actor, request.params.slug, request.params.venue, request.body.email),
    }));
  };
}
