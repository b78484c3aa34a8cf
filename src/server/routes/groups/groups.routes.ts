import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../../services/context.js';
import {
  addDeskGroupMember, createDeskGroup, deleteDeskGroup, listDeskGroups, removeDeskGroupMember, renameDeskGroup,
} from '../../../services/manage-groups.js';
import { restrictCase } from '../../../services/restrict-case.js';
import { recuseSelf } from '../../../services/recuse-self.js';
import { linkOwnAccount, listLinkedAccounts, unlinkOwnAccount } from '../../../services/link-staff-account.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { ReferenceParams } from '../../../shared/api/cases.js';
import {
  GroupMemberBody, GroupMemberParams, GroupParams, GroupResponse, GroupsQuery, GroupsResponse, LinkedAccountBody, LinkedAccountsResponse,
  NewGroupBody, RecusalBody, RecusalResponse, RenameGroupBody, RestrictionBody, RestrictionResponse,
} from '../../../shared/api/groups.js';
import { STAFF_ONLY } from '../../openapi.js';
import { presentGroup } from './groups.presenters.js';
import { z } from 'zod';

const AccountParams = z.strictObject({ name: z.string().min(1).max(200) });

/**
 * Groups and who may see what (issue 11, items 6 and 7): a desk's groups (everyone on the desk
 * reads them, its admins change them), restricting a case to one, recusing oneself from a
 * case, and the wiki accounts a staff member links to themself.
 */
export function groupRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    const tags = ['groups'];
    const changes = errorResponses(400, 401, 403, 404, 409, 413, 415);

    app.get('/api/v1/groups', {
      schema: { tags, security: STAFF_ONLY, querystring: GroupsQuery, response: { 200: GroupsResponse, ...errorResponses(400, 401, 404) } },
    }, async (request) => ({ groups: (await listDeskGroups(ctx, staffOf(request).actor, request.query.desk)).map(presentGroup) }));

    app.post('/api/v1/groups', {
      schema: { tags, security: STAFF_ONLY, body: NewGroupBody, response: { 201: GroupResponse, ...changes } },
    }, async (request, reply) => reply.code(201).send({ group: presentGroup(await createDeskGroup(ctx, staffOf(request).actor, request.body)) }));

    app.patch('/api/v1/groups/:id', {
      schema: { tags, security: STAFF_ONLY, params: GroupParams, body: RenameGroupBody, response: { 200: GroupResponse, ...changes } },
    }, async (request) => ({ group: presentGroup(await renameDeskGroup(ctx, staffOf(request).actor, request.params.id, request.body.name)) }));

    app.delete('/api/v1/groups/:id', {
      schema: { tags, security: STAFF_ONLY, params: GroupParams, response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) } },
    }, async (request, reply) => {
      await deleteDeskGroup(ctx, staffOf(request).actor, request.params.id);
      return reply.code(204).send(null);
    });

    app.post('/api/v1/groups/:id/members', {
      schema: { tags, security: STAFF_ONLY, params: GroupParams, body: GroupMemberBody, response: { 200: GroupResponse, ...changes } },
    }, async (request) => ({ group: presentGroup(await addDeskGroupMember(ctx, staffOf(request).actor, request.params.id, request.body.staffId)) }));

    app.delete('/api/v1/groups/:id/members/:staffId', {
      schema: { tags, security: STAFF_ONLY, params: GroupMemberParams, response: { 200: GroupResponse, ...errorResponses(400, 401, 403, 404) } },
    }, async (request) => ({ group: presentGroup(await removeDeskGroupMember(ctx, staffOf(request).actor, request.params.id, request.params.staffId)) }));

    app.post('/api/v1/cases/:reference/restriction', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: ReferenceParams, body: RestrictionBody, response: { 200: RestrictionResponse, ...changes } },
    }, async (request) => restrictCase(ctx, staffOf(request).actor, request.params.reference, request.body.group));

    app.post('/api/v1/cases/:reference/recusal', {
      schema: { tags: ['cases'], security: STAFF_ONLY, params: ReferenceParams, body: RecusalBody, response: { 200: RecusalResponse, ...changes } },
    }, async (request) => {
      const reason = request.body.reason === undefined || request.body.reason === '' ? null : request.body.reason;
      await recuseSelf(ctx, staffOf(request).actor, request.params.reference, reason);
      return { recused: true as const };
    });

    const presentAccounts = (accounts: { name: string; addedAt: Date }[]) => ({
      accounts: accounts.map((a) => ({ name: a.name, addedAt: a.addedAt.toISOString() })),
    });

    app.get('/api/v1/session/accounts', {
      schema: { tags: ['session'], security: STAFF_ONLY, response: { 200: LinkedAccountsResponse, ...errorResponses(401) } },
    }, async (request) => presentAccounts(await listLinkedAccounts(ctx, staffOf(request).actor.id)));

    app.post('/api/v1/session/accounts', {
      schema: { tags: ['session'], security: STAFF_ONLY, body: LinkedAccountBody, response: { 201: LinkedAccountsResponse, ...changes } },
    }, async (request, reply) => reply.code(201).send(presentAccounts(await linkOwnAccount(ctx, staffOf(request).actor.id, request.body.name))));

    app.delete('/api/v1/session/accounts/:name', {
      schema: { tags: ['session'], security: STAFF_ONLY, params: AccountParams, response: { 200: LinkedAccountsResponse, ...errorResponses(400, 401, 403, 404) } },
    }, async (request) => presentAccounts(await unlinkOwnAccount(ctx, staffOf(request).actor.id, request.params.name)));
  };
}
