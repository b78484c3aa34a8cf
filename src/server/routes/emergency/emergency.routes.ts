import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../../services/context.js';
import { viewEmergencyAlert } from '../../../services/view-emergency-alert.js';
import { acknowledgeEmergencyAlert } from '../../../services/acknowledge-emergency-alert.js';
import { forwardEmergencyPacket } from '../../../services/forward-emergency-packet.js';
import { listAlarms } from '../../../services/list-alarms.js';
import { viewDuty } from '../../../services/view-duty.js';
import { setOwnDuty } from '../../../services/set-own-duty.js';
import { changeEmergencySettings, viewEmergencySettings } from '../../../services/emergency-settings.js';
import type { AlertView } from '../../../services/emergency-alert-view.js';
import { requireStaff, staffOf } from '../../plugins/staff-auth.js';
import { errorResponses } from '../../../shared/api/errors.js';
import { ReferenceParams } from '../../../shared/api/cases.js';
import {
  AlarmsResponse, DeskParams, DutyBody, DutyResponse, EmergencyAlertResponse, EmergencySettings, EmergencySettingsBody, EmptyBody,
  type EmergencyAlert,
} from '../../../shared/api/emergency.js';
import { STAFF_ONLY } from '../../openapi.js';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** Which fields of an alert leave the server. */
function presentAlert(alert: AlertView | null): { alert: EmergencyAlert | null } {
  if (alert === null) return { alert: null };
  return {
    alert: {
      raisedAt: alert.raisedAt.toISOString(), acknowledgedAt: iso(alert.acknowledgedAt), acknowledgedBy: alert.acknowledgedBy,
      autoForwardAt: iso(alert.autoForwardAt), held: alert.held, floodReason: alert.floodReason, waveSize: alert.waveSize,
      forwardedAt: iso(alert.forwardedAt), confirmedAt: iso(alert.confirmedAt), fallbackAt: iso(alert.fallbackAt), hasContact: alert.hasContact,
    },
  };
}

/** Emergencies: the alarm, a case's alert (acknowledge, forward), duty, and a desk's emergency settings. */
export function emergencyRoutes(ctx: ServiceContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireStaff(ctx));

    app.get('/api/v1/alarms', {
      schema: { tags: ['emergency'], security: STAFF_ONLY, response: { 200: AlarmsResponse, ...errorResponses(401) } },
    }, async (request) => ({
      alarms: (await listAlarms(ctx, staffOf(request).actor)).map((a) => ({ ...a, raisedAt: a.raisedAt.toISOString() })),
    }));

    app.get('/api/v1/cases/:reference/alert', {
      schema: { tags: ['emergency'], security: STAFF_ONLY, params: ReferenceParams, response: { 200: EmergencyAlertResponse, ...errorResponses(400, 401, 404) } },
    }, async (request) => presentAlert(await viewEmergencyAlert(ctx, staffOf(request).actor, request.params.reference)));

    app.post('/api/v1/cases/:reference/alert/acknowledge', {
      schema: {
        tags: ['emergency'], security: STAFF_ONLY, params: ReferenceParams, body: EmptyBody,
        response: { 200: EmergencyAlertResponse, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    }, async (request) => presentAlert(await acknowledgeEmergencyAlert(ctx, staffOf(request).actor, request.params.reference)));

    app.post('/api/v1/cases/:reference/alert/forward', {
      schema: {
        tags: ['emergency'], security: STAFF_ONLY, params: ReferenceParams, body: EmptyBody,
        response: { 200: EmergencyAlertResponse, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    }, async (request) => presentAlert(await forwardEmergencyPacket(ctx, staffOf(request).actor, request.params.reference)));

    app.get('/api/v1/duty', {
      schema: { tags: ['emergency'], security: STAFF_ONLY, response: { 200: DutyResponse, ...errorResponses(401) } },
    }, async (request) => ({ desks: await viewDuty(ctx, staffOf(request).actor) }));

    app.put('/api/v1/duty/:desk', {
      schema: {
        tags: ['emergency'], security: STAFF_ONLY, params: DeskParams, body: DutyBody,
        response: { 200: DutyResponse, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    }, async (request) => {
      const actor = staffOf(request).actor;
      await setOwnDuty(ctx, actor, { deskSlug: request.params.desk, availability: request.body.availability });
      return { desks: await viewDuty(ctx, actor) };
    });

    app.get('/api/v1/desks/:desk/emergency-settings', {
      schema: { tags: ['emergency'], security: STAFF_ONLY, params: DeskParams, response: { 200: EmergencySettings, ...errorResponses(400, 401, 403, 404) } },
    }, async (request) => viewEmergencySettings(ctx, staffOf(request).actor, request.params.desk));

    app.put('/api/v1/desks/:desk/emergency-settings', {
      schema: {
        tags: ['emergency'], security: STAFF_ONLY, params: DeskParams, body: EmergencySettingsBody,
        response: { 200: EmergencySettings, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    }, async (request) => changeEmergencySettings(ctx, staffOf(request).actor, request.params.desk, request.body));
  };
}
