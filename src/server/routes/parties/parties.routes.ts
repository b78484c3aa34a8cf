import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listCaseParties } from '../../../services/list-case-parties.js';
import { addParty } from '../../../services/add-party.js';
import { editParty } from '../../../services/edit-party.js';
import { removeParty } from '../../../services/remove-party.js';
import { issuePartyAccess } from '../../../services/issue-party-access.js';
import { recordTargetWishes } from '../../../services/record-target-wishes.js';
import type { ServiceContext } from '../../../services/context.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { ReferenceParams } from '../../../shared/api/cases.js';
import {
  AddPartyBody, EditPartyBody, IssueAccessBody, IssueAccessResponse, PartiesResponse, PartyParams, PartyResponse,
  TargetWishesBody, TargetWishesResponse,
} from '../../../shared/api/parties.js';
import { presentParty } from '../cases/cases.presenters.js';
import { STAFF_ONLY } from '../../openapi.js';

const WRITE_ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 415);

/** Who is involved in a case: list, add, change, remove; the target's own access code and wishes. */
export function partyRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    const partiesOf = async (actorReference: { actor: Parameters<typeof listCaseParties>[1]; reference: string }) =>
      (await listCaseParties(ctx, actorReference.actor, actorReference.reference)).map(presentParty);

    app.get('/api/v1/cases/:reference/parties', {
      schema: { tags: ['parties'], security: STAFF_ONLY, params: ReferenceParams, response: { 200: PartiesResponse, ...errorResponses(400, 401, 404) } },
    }, async (request) => ({ parties: await partiesOf({ actor: staffOf(request).actor, reference: request.params.reference }) }));

    app.post('/api/v1/cases/:reference/parties', {
      schema: { tags: ['parties'], security: STAFF_ONLY, params: ReferenceParams, body: AddPartyBody, response: { 201: PartyResponse, ...WRITE_ERRORS } },
    }, async (request, reply) => {
      const actor = staffOf(request).actor;
      const { party, recused } = await addParty(ctx, actor, request.params.reference, request.body);
      return reply.code(201).send({ party: presentParty(party), recused });
    });

    app.patch('/api/v1/cases/:reference/parties/:partyId', {
      schema: { tags: ['parties'], security: STAFF_ONLY, params: PartyParams, body: EditPartyBody, response: { 200: PartyResponse, ...WRITE_ERRORS } },
    }, async (request) => {
      const actor = staffOf(request).actor;
      const { reference, partyId } = request.params;
      const { party, recused } = await editParty(ctx, actor, reference, partyId, request.body);
      return { party: presentParty(party), recused };
    });

    app.delete('/api/v1/cases/:reference/parties/:partyId', {
      schema: { tags: ['parties'], security: STAFF_ONLY, params: PartyParams, response: { 204: z.null().describe('Removed.'), ...errorResponses(400, 401, 403, 404, 409) } },
    }, async (request, reply) => {
      await removeParty(ctx, staffOf(request).actor, request.params.reference, request.params.partyId);
      return reply.code(204).send(null);
    });

    app.post('/api/v1/cases/:reference/parties/:partyId/access', {
      schema: { tags: ['parties'], security: STAFF_ONLY, params: PartyParams, body: IssueAccessBody, response: { 201: IssueAccessResponse, ...WRITE_ERRORS } },
    }, async (request, reply) => {
      const result = await issuePartyAccess(ctx, staffOf(request).actor, request.params.reference, request.params.partyId, request.body);
      // The code is shown this once; nothing on the way out may keep it.
      void reply.header('cache-control', 'no-store');
      return reply.code(201).send({ accessCode: result.accessCode });
    });

    app.put('/api/v1/cases/:reference/parties/:partyId/wishes', {
      schema: { tags: ['parties'], security: STAFF_ONLY, params: PartyParams, body: TargetWishesBody, response: { 200: TargetWishesResponse, ...WRITE_ERRORS } },
    }, async (request) => {
      const wishes = await recordTargetWishes(ctx, staffOf(request).actor, request.params.reference, request.params.partyId, request.body);
      return { wishes: { ...wishes, recordedAt: wishes.recordedAt.toISOString() } };
    });
  };
}
