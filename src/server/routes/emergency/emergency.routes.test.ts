import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { makeCase, makeDesk, makeStaff, signInStaff, type MadeCase } from '../../../../tests/support/factories.js';
import { tableCounts } from '../../../../tests/support/intake.js';
import { listEvents } from '../../../db/repositories/case-events.js';
import { listAuditForCase } from '../../../db/repositories/audit-log.js';
import type { ErrorResponse } from '../../../shared/api/errors.js';
import type { AlarmsResponse, DutyResponse, EmergencyAlertResponse, EmergencySettings } from '../../../shared/api/emergency.js';

// Every emergency route walks 401 -> 400 -> 403/404 -> success, and a handler of another desk
// never sees the alarm.
describe.each(testDialects())('emergency routes on %s', (dialect) => {
  let t: TestApp;
  let handler: SignedIn;
  let reviewer: SignedIn;
  let escalation: SignedIn;
  let admin: SignedIn;
  let outsider: SignedIn;
  let kase: MadeCase;
  let quiet: MadeCase;

  const call = (who: SignedIn | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => t.app.inject({
    method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    headers: who === null ? {} : { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
  });
  const fieldsOf = (r: { json: () => unknown }) => (r.json() as ErrorResponse).error.fields?.map((f) => f.path);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const other = await makeDesk(t, { slug: 'other', name: 'Other' });
    handler = await signInStaff(t, await makeStaff(t, { role: 'handler', desk: 'main' }));
    reviewer = await signInStaff(t, await makeStaff(t, { role: 'reviewer', desk: 'main' }));
    escalation = await signInStaff(t, await makeStaff(t, { role: 'escalation', desk: 'main', email: 'esc@example.org' }));
    admin = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: 'main' }));
    outsider = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: other }));
    kase = await makeCase(t, { desk: 'main', category: 'self_harm', immediateDanger: false, description: 'They said they would end it all tonight.' });
    quiet = await makeCase(t, { desk: 'main', category: 'hounding', immediateDanger: false });
  });
  afterAll(async () => { await t.close(); });

  it('shows the alarm to the desk\'s consoles and to nobody of another desk', async () => {
    expect((await call(null, 'GET', '/api/v1/alarms')).statusCode).toBe(401);
    const seen = await call(handler, 'GET', '/api/v1/alarms');
    expect(seen.statusCode).toBe(200);
    expect(seen.json<AlarmsResponse>().alarms).toEqual([{
      reference: kase.reference, desk: { slug: 'main', name: 'Haven' }, category: 'self_harm', raisedAt: kase.receivedAt.toISOString(),
      count: 1, floodReason: null, held: false,
    }]);
    expect((await call(outsider, 'GET', '/api/v1/alarms')).json<AlarmsResponse>().alarms).toEqual([]);
  });

  it('shows a case\'s alert: 401, 400, 404, then the alert or null', async () => {
    expect((await call(null, 'GET', `/api/v1/cases/${kase.reference}/alert`)).statusCode).toBe(401);
    expect((await call(handler, 'GET', '/api/v1/cases/not-a-reference/alert')).statusCode).toBe(400);
    expect((await call(outsider, 'GET', `/api/v1/cases/${kase.reference}/alert`)).statusCode).toBe(404);
    const shown = (await call(reviewer, 'GET', `/api/v1/cases/${kase.reference}/alert`)).json<EmergencyAlertResponse>();
    expect(shown.alert).toMatchObject({
      raisedAt: kase.receivedAt.toISOString(), acknowledgedAt: null, held: false, waveSize: 1, forwardedAt: null, hasContact: false,
      autoForwardAt: new Date(kase.receivedAt.getTime() + 15 * 60_000).toISOString(),
    });
    expect((await call(handler, 'GET', `/api/v1/cases/${quiet.reference}/alert`)).json<EmergencyAlertResponse>()).toEqual({ alert: null });
  });

  it('acknowledges an alert: 401, 400, 404, 403, then once, on the timeline, and the alarm clears', async () => {
    const url = `/api/v1/cases/${kase.reference}/alert/acknowledge`;
    const before = await tableCounts(t, ['staff_sessions', 'audit_log']);
    expect((await call(null, 'POST', url, {})).statusCode).toBe(401);
    const bad = await call(handler, 'POST', url, { now: true });
    expect(bad.statusCode).toBe(400);
    expect((await call(outsider, 'POST', url, {})).statusCode).toBe(404);
    expect((await call(reviewer, 'POST', url, {})).statusCode).toBe(403);
    expect((await call(handler, 'POST', `/api/v1/cases/${quiet.reference}/alert/acknowledge`, {})).statusCode).toBe(409);
    expect(await tableCounts(t, ['staff_sessions', 'audit_log'])).toEqual(before);
    // Opening the case is not acknowledging it.
    expect((await call(handler, 'GET', `/api/v1/cases/${kase.reference}`)).statusCode).toBe(200);
    expect((await call(escalation, 'GET', '/api/v1/alarms')).json<AlarmsResponse>().alarms).toHaveLength(1);

    const done = await call(handler, 'POST', url, {});
    expect(done.statusCode).toBe(200);
    expect(done.json<EmergencyAlertResponse>().alert).toMatchObject({ acknowledgedBy: handler.username, autoForwardAt: null });
    expect((await call(handler, 'POST', url, {})).statusCode).toBe(409);
    expect((await call(escalation, 'GET', '/api/v1/alarms')).json<AlarmsResponse>().alarms).toEqual([]);
    const events = await listEvents(t.ctx.db, kase.id);
    expect(events.filter((e) => e.type === 'emergency_alert_acknowledged').map((e) => e.actorId)).toEqual([handler.userId]);
    // The case's own status is untouched: acknowledging the alert is not a first response.
    expect((await call(handler, 'GET', `/api/v1/cases/${kase.reference}`)).json<{ case: { status: string } }>().case.status).toBe('new');
    expect((await listAuditForCase(t.ctx.db, kase.id)).map((a) => a.action)).toContain('case.emergency_alert_acknowledged');
  });

  it('sets a desk\'s emergency settings: 401, 400, 404, 403, then saved, sealed and audited', async () => {
    const url = '/api/v1/desks/main/emergency-settings';
    const good = {
      contactEmail: 'crisis@example.org', fallbackEmail: 'fallback@example.org', forwardAfterMinutes: 10, fallbackAfterMinutes: 45,
      anyRoleOnDuty: false, rota: [{ username: escalation.username, weekday: 1, start: '08:00', end: '16:00' }],
    };
    expect((await call(null, 'PUT', url, good)).statusCode).toBe(401);
    const bad = await call(admin, 'PUT', url, { ...good, contactEmail: 'not an address', forwardAfterMinutes: 0 });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['contactEmail', 'forwardAfterMinutes']));
    const stranger = await call(admin, 'PUT', url, { ...good, rota: [{ username: outsider.username, weekday: 1, start: '08:00', end: '09:00' }] });
    expect(stranger.statusCode).toBe(400);
    expect(fieldsOf(stranger)).toEqual(['rota.0.username']);
    expect((await call(outsider, 'PUT', url, good)).statusCode).toBe(404);
    expect((await call(outsider, 'GET', url)).statusCode).toBe(404);
    expect((await call(handler, 'PUT', url, good)).statusCode).toBe(403);
    expect((await call(handler, 'GET', url)).statusCode).toBe(403);

    const saved = await call(admin, 'PUT', url, good);
    expect(saved.statusCode).toBe(200);
    expect(saved.json<EmergencySettings>()).toMatchObject({ ...good, desk: { slug: 'main', name: 'Haven' } });
    expect((await call(admin, 'GET', url)).json<EmergencySettings>()).toMatchObject(good);
    const stored = await t.ctx.db.selectFrom('desk_emergency_settings').select(['contact_email_enc']).executeTakeFirstOrThrow();
    expect(stored.contact_email_enc).not.toContain('crisis@example.org');
    const audited = await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'desk.emergency_settings_changed').execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]?.detail).not.toContain('crisis@');
  });

  it('forwards the packet with one click: 401, 400, 404, 403, then once', async () => {
    const urgent = await makeCase(t, { desk: 'main', category: 'threat_of_violence', immediateDanger: false, description: 'A threat to come to their house with a knife.' });
    const url = `/api/v1/cases/${urgent.reference}/alert/forward`;
    expect((await call(null, 'POST', url, {})).statusCode).toBe(401);
    expect((await call(handler, 'POST', url, { to: 'someone' })).statusCode).toBe(400);
    expect((await call(outsider, 'POST', url, {})).statusCode).toBe(404);
    expect((await call(reviewer, 'POST', url, {})).statusCode).toBe(403);
    const sent = await call(handler, 'POST', url, {});
    expect(sent.statusCode).toBe(200);
    expect(sent.json<EmergencyAlertResponse>().alert?.forwardedAt).toBe(t.ctx.now().toISOString());
    expect((await call(handler, 'POST', url, {})).statusCode).toBe(409);
    const packets = await t.ctx.db.selectFrom('jobs').select('payload').where('kind', '=', 'email.emergency_packet').execute();
    expect(packets.filter((p) => p.payload.includes(urgent.id))).toHaveLength(1);
    expect((await listEvents(t.ctx.db, urgent.id)).filter((e) => e.type === 'emergency_packet_forwarded').map((e) => e.actorId)).toEqual([handler.userId]);
  });

  it('shows who is on duty and lets those who may mark themselves: 401, 400, 404, 403, then on duty', async () => {
    expect((await call(null, 'GET', '/api/v1/duty')).statusCode).toBe(401);
    expect((await call(null, 'PUT', '/api/v1/duty/main', { availability: 'available' })).statusCode).toBe(401);
    const bad = await call(escalation, 'PUT', '/api/v1/duty/main', { availability: 'sleeping' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['availability']);
    expect((await call(outsider, 'PUT', '/api/v1/duty/main', { availability: 'available' })).statusCode).toBe(404);
    expect((await call(handler, 'PUT', '/api/v1/duty/main', { availability: 'available' })).statusCode).toBe(403);
    const marked = await call(escalation, 'PUT', '/api/v1/duty/main', { availability: 'available' });
    expect(marked.statusCode).toBe(200);
    const main = marked.json<DutyResponse>().desks.find((d) => d.desk.slug === 'main');
    expect(main).toEqual({ desk: { slug: 'main', name: 'Haven' }, onDuty: [escalation.username], me: { availability: 'available', eligible: true } });
    const handlerView = (await call(handler, 'GET', '/api/v1/duty')).json<DutyResponse>();
    expect(handlerView.desks).toEqual([{ desk: { slug: 'main', name: 'Haven' }, onDuty: [escalation.username], me: { availability: 'rota', eligible: false } }]);
    expect((await call(outsider, 'GET', '/api/v1/duty')).json<DutyResponse>().desks.map((d) => d.desk.slug)).toEqual(['other']);
  });
});
