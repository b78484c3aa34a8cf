import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../../services/context.js';
import { readCaseAuditTrail, readStaffAuditTrail, type AuditTrailPage } from '../../../services/read-audit-trail.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { ReferenceParams } from '../../../shared/api/cases.js';
import { AuditQuery, AuditTrailResponse, StaffAuditParams } from '../../../shared/api/audit.js';
import { STAFF_ONLY } from '../../openapi.js';

/** The audit console's reads: a case's trail and a staff member's, for the desk's admins. */
export function auditRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  const staff = requireStaff(ctx);
  return async (app) => {
    app.get('/api/v1/cases/:reference/audit', {
      onRequest: staff,
      schema: { tags: ['audit'], security: STAFF_ONLY, params: ReferenceParams, querystring: AuditQuery, response: { 200: AuditTrailResponse, ...errorResponses(400, 401, 403, 404) } },
    }, async (request) => presentTrail(await readCaseAuditTrail(ctx, staffOf(request).actor, {
      reference: request.params.reference, before: request.query.before ?? null, ...(request.query.limit === undefined ? {} : { limit: request.query.limit }),
    })));

    app.get('/api/v1/audit/staff/:id', {
      onRequest: staff,
      schema: { tags: ['audit'], security: STAFF_ONLY, params: StaffAuditParams, querystring: AuditQuery, response: { 200: AuditTrailResponse, ...errorResponses(400, 401, 403, 404) } },
    }, async (request) => presentTrail(await readStaffAuditTrail(ctx, staffOf(request).actor, {
      staffId: request.params.id, before: request.query.before ?? null, ...(request.query.limit === undefined ? {} : { limit: request.query.limit }),
    })));
  };
}

/** What leaves the server: who, what, when and which case; never the entry's detail, which may hold a reason written about a person. */
function presentTrail(page: AuditTrailPage): AuditTrailResponse {
  return {
    entries: page.entries.map((e) => ({
      seq: e.seq, at: e.at.toISOString(), action: e.action,
      actor: { kind: e.actorKind, id: e.actorId, username: e.actorName }, caseReference: e.kase?.reference ?? null,
    })),
    next: page.next === null ? null : String(page.next),
    chain: page.chain === null ? null : page.chain.ok
      ? { ok: true, entries: page.chain.entries }
      : { ok: false, entries: page.chain.entries, brokenAt: page.chain.brokenAt, reason: page.chain.reason },
  };
}
