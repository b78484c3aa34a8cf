import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../../services/context.js';
import { listDeskTemplates } from '../../../services/list-templates.js';
import { createTemplate } from '../../../services/create-template.js';
import { updateDeskTemplate } from '../../../services/update-template.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import {
  NewTemplateBody, TemplateChangesBody, TemplateParams, TemplateResponse, TemplatesQuery, TemplatesResponse,
} from '../../../shared/api/templates.js';
import { STAFF_ONLY } from '../../openapi.js';
import { presentTemplate } from './templates.presenters.js';

/** A desk's reply templates: everyone on the desk reads them, its admins change them. */
export function templateRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));
    const tags = ['templates'];

    app.get('/api/v1/templates', {
      schema: { tags, security: STAFF_ONLY, querystring: TemplatesQuery, response: { 200: TemplatesResponse, ...errorResponses(400, 401, 404) } },
    }, async (request) => {
      const list = await listDeskTemplates(ctx, staffOf(request).actor, { deskSlug: request.query.desk, withRetired: request.query.retired === 'include' });
      return { templates: list.map(presentTemplate) };
    });

    app.post('/api/v1/templates', {
      schema: { tags, security: STAFF_ONLY, body: NewTemplateBody, response: { 201: TemplateResponse, ...errorResponses(400, 401, 403, 404, 413, 415) } },
    }, async (request, reply) => {
      const { desk, ...fields } = request.body;
      const created = await createTemplate(ctx, staffOf(request).actor, { deskSlug: desk, ...fields });
      return reply.code(201).send({ template: presentTemplate(created) });
    });

    app.patch('/api/v1/templates/:id', {
      schema: { tags, security: STAFF_ONLY, params: TemplateParams, body: TemplateChangesBody, response: { 200: TemplateResponse, ...errorResponses(400, 401, 403, 404, 409, 413, 415) } },
    }, async (request) => ({
      template: presentTemplate(await updateDeskTemplate(ctx, staffOf(request).actor, request.params.id, { retire: false, fields: request.body })),
    }));

    app.post('/api/v1/templates/:id/retire', {
      schema: { tags, security: STAFF_ONLY, params: TemplateParams, response: { 200: TemplateResponse, ...errorResponses(400, 401, 403, 404, 409) } },
    }, async (request) => ({
      template: presentTemplate(await updateDeskTemplate(ctx, staffOf(request).actor, request.params.id, { retire: true })),
    }));
  };
}
