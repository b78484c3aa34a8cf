import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { makeCase, makeDesk, makeStaff, staffActor, type MadeCase, type MadeDesk, type MadeStaff } from '../../tests/support/factories.js';
import { startSmtp, type Received } from '../../tests/support/smtp-server.js';
import { smtpMailer, type Mailer } from '../integrations/mail/mailer.js';
import { listEvents } from '../db/repositories/case-events.js';
import { listJobs } from '../db/repositories/jobs.js';
import { changeEmergencySettings, type EmergencySettingsInput } from '../services/emergency-settings.js';
import { acknowledgeEmergencyAlert } from '../services/acknowledge-emergency-alert.js';
import { setOwnDuty } from '../services/set-own-duty.js';
import { listAlarms } from '../services/list-alarms.js';
import { EMERGENCY_ALERT_EMAIL_JOB, EMERGENCY_FORWARD_JOB, type EmergencyAlertEmailPayload } from '../services/job-kinds.js';
import type { Category } from '../domain/categories.js';
import { runDueJobs, startWorker, type WorkerDeps } from './worker.js';

const MINUTE = 60_000;
const quietLog = { info: () => undefined, warn: (...a: unknown[]) => { if (process.env.DEBUG_EMERGENCY) console.log(a); }, error: (...a: unknown[]) => { if (process.env.DEBUG_EMERGENCY) console.log(a); } };

// Emergencies end to end through the worker, with an injected clock and a real SMTP server on
// loopback: the alert at intake, the automatic forward at 15 minutes, the fallback at 60 more,
// duty, floods, and exactly once with two workers side by side.
describe.each(testDialects())('emergency alerts, forward and fallback on %s', (dialect) => {
  const start = new Date('2026-05-04T09:00:00.000Z'); // a Monday
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  let deps: WorkerDeps;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    smtp = await startSmtp();
    mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}?pool=false`, 'haven@localhost');
    deps = { mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog };
  });
  afterAll(async () => { mailer.close(); await smtp.close(); await t.close(); });

  /** Runs the worker until nothing is due at the current time. */
  async function drain(workerId = 'w1'): Promise<void> {
    while ((await runDueJobs(t.ctx, deps, workerId)) > 0) { /* drain */ }
  }
  const at = (minutes: number) => t.setNow(new Date(start.getTime() + minutes * MINUTE));
  // The messages to one address, their quoted-printable bodies undone (ASCII is all the tests look for).
  const to = (address: string): Received[] => smtp.received.filter((m) => m.to.includes(address)).map((m) => ({
    ...m, data: m.data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  }));

  interface Team { desk: MadeDesk; escalation: MadeStaff; admin: MadeStaff; handler: MadeStaff; mail: (who: string) => string }

  /** A desk of its own with an escalation member, an admin and a handler, all with addresses, and its contacts set. */
  async function team(settings: Partial<EmergencySettingsInput> = {}): Promise<Team> {
    seq += 1;
    const n = seq;
    const slug = `desk-${n}`;
    const mail = (who: string) => `${who}-${n}@example.org`;
    const desk = await makeDesk(t, { slug });
    const escalation = await makeStaff(t, { role: 'escalation', desk, email: mail('escalation') });
    const admin = await makeStaff(t, { role: 'admin', desk, email: mail('admin') });
    const handler = await makeStaff(t, { role: 'handler', desk, email: mail('handler') });
    await changeEmergencySettings(t.ctx, await staffActor(t, admin.id), slug, {
      contactEmail: mail('contact'), fallbackEmail: mail('fallback'), forwardAfterMinutes: 15, fallbackAfterMinutes: 60,
      anyRoleOnDuty: false, rota: [], ...settings,
    });
    return { desk, escalation, admin, handler, mail };
  }
  const emergency = (tm: Team, extra: { description?: string; contactEmail?: string; category?: Category } = {}) => makeCase(t, {
    desk: tm.desk, category: extra.category ?? 'threat_of_violence', immediateDanger: false,
    description: extra.description ?? `Someone wrote that they will hurt the target tonight, report number ${(seq += 1)} ${'x'.repeat(seq % 7)} ${String.fromCharCode(97 + (seq % 26))}${String.fromCharCode(97 + ((seq * 7) % 26))}`,
    ...(extra.contactEmail === undefined ? {} : { contactEmail: extra.contactEmail }),
  });
  const eventTypes = async (caseId: string) => (await listEvents(t.ctx.db, caseId)).map((e) => e.type);

  it('writes the alert, its emails and its forward in the intake transaction, and emails neither text nor reporter', async () => {
    at(0);
    const tm = await team();
    const kase = await emergency(tm, { contactEmail: 'reporter-secret@example.org' });
    const alertJobs = (await listJobs(t.ctx.db, EMERGENCY_ALERT_EMAIL_JOB)).filter((j) => (j.payload as EmergencyAlertEmailPayload).caseId === kase.id);
    // Nobody on duty: every escalation member and admin, not the handler.
    expect(alertJobs.map((j) => (j.payload as EmergencyAlertEmailPayload).staffId).sort()).toEqual([tm.escalation.id, tm.admin.id].sort());
    const forward = (await listJobs(t.ctx.db, EMERGENCY_FORWARD_JOB)).filter((j) => alertJobs.some((a) => (a.payload as EmergencyAlertEmailPayload).alertId === (j.payload as { alertId: string }).alertId));
    expect(forward.map((j) => j.runAt.toISOString())).toEqual([new Date(start.getTime() + 15 * MINUTE).toISOString()]);
    expect(await eventTypes(kase.id)).toEqual(['report_received', 'emergency_alert_raised']);

    at(1);
    await drain();
    const alert = to(tm.mail('escalation'));
    expect(alert).toHaveLength(1);
    expect(alert[0]?.data).toContain(kase.reference);
    expect(alert[0]?.data).toContain('A threat of violence');
    expect(alert[0]?.data).toContain(`/desk/cases/${kase.reference}`);
    expect(alert[0]?.data).toMatch(/local authorities/);
    expect(alert[0]?.data).not.toContain('hurt the target');
    expect(alert[0]?.data).not.toContain('reporter-secret');
    expect(to(tm.mail('handler'))).toHaveLength(0);
  });

  it('writes nothing of a report whose alert cannot be written: the report and its alert commit together', async () => {
    at(0);
    const tm = await team();
    const cases = async () => Number((await t.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await cases();
    if (dialect === 'sqlite') {
      await sql`CREATE TRIGGER refuse_alerts BEFORE INSERT ON emergency_alerts BEGIN SELECT RAISE(ABORT, 'no alerts'); END`.execute(t.ctx.db);
    } else {
      await sql`CREATE FUNCTION refuse_alerts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no alerts'; END $$`.execute(t.ctx.db);
      await sql`CREATE TRIGGER refuse_alerts BEFORE INSERT ON emergency_alerts FOR EACH ROW EXECUTE FUNCTION refuse_alerts()`.execute(t.ctx.db);
    }
    try {
      await expect(emergency(tm)).rejects.toThrow(/no alerts/);
      expect(await cases()).toBe(before);
      // A report that raises no alert is not affected.
      await makeCase(t, { desk: tm.desk, category: 'hounding', immediateDanger: false });
      expect(await cases()).toBe(before + 1);
    } finally {
      await sql`DROP TRIGGER refuse_alerts${sql.raw(dialect === 'postgres' ? ' ON emergency_alerts' : '')}`.execute(t.ctx.db);
      if (dialect === 'postgres') await sql`DROP FUNCTION refuse_alerts()`.execute(t.ctx.db);
    }
  });

  it('forwards the packet at 15 minutes without an acknowledgement, and never after one', async () => {
    at(0);
    const tm = await team();
    const ignored = await emergency(tm, { contactEmail: 'ignored-reporter@example.org' });
    const acknowledged = await emergency(tm);
    await drain();
    at(5);
    await acknowledgeEmergencyAlert(t.ctx, await staffActor(t, tm.handler.id), acknowledged.reference);
    at(14.9);
    await drain();
    expect(to(tm.mail('contact'))).toHaveLength(0);
    at(15);
    await drain();
    const packets = to(tm.mail('contact'));
    expect(packets).toHaveLength(1);
    const packet = packets[0]?.data ?? '';
    expect(packet).toContain(ignored.reference);
    expect(packet).toContain('hurt the target');
    expect(packet).toContain('/emergency/confirm?token=');
    // No consent record exists yet: the reporter's address stays out.
    expect(packet).not.toContain('ignored-reporter@example.org');
    expect(packet).toMatch(/not agreed to share/);
    expect(await eventTypes(ignored.id)).toContain('emergency_packet_forwarded');
    expect(await eventTypes(acknowledged.id)).toEqual(['report_received', 'emergency_alert_raised', 'emergency_alert_acknowledged']);
    at(200);
    await drain();
    expect(to(tm.mail('contact'))).toHaveLength(1);
  });

  it('sends the packet to the fallback at 60 minutes without a confirmation, and never after one', async () => {
    at(0);
    const tm = await team();
    const unconfirmed = await emergency(tm);
    const confirmed = await emergency(tm);
    at(15);
    await drain();
    const packets = to(tm.mail('contact'));
    expect(packets).toHaveLength(2);
    const forConfirmed = packets.find((p) => p.data.includes(confirmed.reference))?.data ?? '';
    const token = /\/emergency\/confirm\?token=([A-Za-z0-9_%-]+)/.exec(forConfirmed)?.[1];
    if (token === undefined) throw new Error('no confirmation link in the packet');
    at(30);
    const page = await t.app.inject({ method: 'GET', url: `/emergency/confirm?token=${token}` });
    expect(page.statusCode).toBe(200);
    const press = await t.app.inject({
      method: 'POST', url: '/emergency/confirm', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${token}`,
    });
    expect(press.statusCode).toBe(200);
    expect(press.body).toContain(confirmed.reference);
    expect(await eventTypes(confirmed.id)).toContain('emergency_receipt_confirmed');
    at(74.9);
    await drain();
    expect(to(tm.mail('fallback'))).toHaveLength(0);
    at(75);
    await drain();
    const fallback = to(tm.mail('fallback'));
    expect(fallback).toHaveLength(1);
    expect(fallback[0]?.data).toContain(unconfirmed.reference);
    expect(await eventTypes(unconfirmed.id)).toContain('emergency_packet_to_fallback');
    expect(await eventTypes(confirmed.id)).not.toContain('emergency_packet_to_fallback');
    at(500);
    await drain();
    expect(to(tm.mail('fallback'))).toHaveLength(1);
  });

  it('sends every alert, packet and fallback once with two workers taking jobs side by side', async () => {
    at(0);
    const tm = await team();
    const made: MadeCase[] = [];
    for (let i = 0; i < 6; i += 1) made.push(await emergency(tm));
    for (const minute of [0, 15, 75]) {
      at(minute);
      // Two workers claim from the same outbox at once (on PostgreSQL, from separate connections).
      for (let round = 0; round < 6; round += 1) await Promise.all([runDueJobs(t.ctx, deps, 'worker-a', 2), runDueJobs(t.ctx, deps, 'worker-b', 2)]);
    }
    for (const kase of made) {
      const about = (address: string) => to(address).filter((m) => m.data.includes(kase.reference));
      expect(about(tm.mail('escalation'))).toHaveLength(1);
      expect(about(tm.mail('admin'))).toHaveLength(1);
      expect(about(tm.mail('contact'))).toHaveLength(1);
      expect(about(tm.mail('fallback'))).toHaveLength(1);
      expect((await eventTypes(kase.id)).filter((e) => e === 'emergency_packet_forwarded')).toHaveLength(1);
    }
  });

  it('alerts only those on duty; with nobody on duty, every escalation member and admin', async () => {
    at(0);
    const tm = await team();
    const second = await makeStaff(t, { role: 'escalation', desk: tm.desk, email: tm.mail('second') });
    const recipientsOf = async (caseId: string) => (await listJobs(t.ctx.db, EMERGENCY_ALERT_EMAIL_JOB))
      .map((j) => j.payload as EmergencyAlertEmailPayload).filter((p) => p.caseId === caseId).map((p) => p.staffId).sort();

    await setOwnDuty(t.ctx, await staffActor(t, second.id), { deskSlug: tm.desk.slug, availability: 'available' });
    expect(await recipientsOf((await emergency(tm)).id)).toEqual([second.id]);

    // The rota puts the first escalation member on now (Monday 09:00 UTC); the second goes away.
    await changeEmergencySettings(t.ctx, await staffActor(t, tm.admin.id), tm.desk.slug, {
      contactEmail: null, fallbackEmail: null, forwardAfterMinutes: 15, fallbackAfterMinutes: 60, anyRoleOnDuty: false,
      rota: [{ username: tm.escalation.username, weekday: 1, start: '08:00', end: '10:00' }],
    });
    await setOwnDuty(t.ctx, await staffActor(t, second.id), { deskSlug: tm.desk.slug, availability: 'away' });
    expect(await recipientsOf((await emergency(tm)).id)).toEqual([tm.escalation.id]);

    // After the slot, nobody is on duty: everyone who should hear.
    at(61);
    expect(await recipientsOf((await emergency(tm)).id)).toEqual([tm.escalation.id, tm.admin.id, second.id].sort());
    // A handler cannot put themself on duty unless the desk says any role may.
    await expect(setOwnDuty(t.ctx, await staffActor(t, tm.handler.id), { deskSlug: tm.desk.slug, availability: 'available' })).rejects.toThrow(/escalation/);
  });

  it('wakes a resting worker in the same process for an emergency, rather than leaving it for the next round', async () => {
    at(0);
    const tm = await team();
    let delivered: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => { delivered = resolve; });
    const watching: Mailer = { send: async (mail) => { await mailer.send(mail); if (mail.to === tm.mail('escalation')) delivered(); }, close: () => undefined };
    // An hour between rounds: only the nudge can deliver the alert before the test times out.
    const worker = startWorker(t.ctx, { ...deps, mailer: watching, sweepIntervalMs: 3_600_000 }, 3_600_000);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the first round finish and rest
      const kase = await emergency(tm);
      await arrived;
      expect(to(tm.mail('escalation')).filter((m) => m.data.includes(kase.reference))).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });

  it('groups a flood from one source into one alarm and holds its forward, while an emergency from elsewhere is not', async () => {
    at(0);
    const tm = await team();
    const flooder = `flooder-${seq}@example.org`;
    const wave: MadeCase[] = [];
    for (let i = 0; i < 3; i += 1) wave.push(await emergency(tm, { contactEmail: flooder, description: `Different words every time, number ${i} ${'y'.repeat(i + 1)} ${['alpha', 'beta', 'gamma'][i]}` }));
    const copied: MadeCase[] = [];
    for (let i = 0; i < 2; i += 1) copied.push(await emergency(tm, { description: `I will find you and hurt you ${i + 7}!!` }));
    const real = await emergency(tm, { category: 'self_harm' });

    const alarms = (await listAlarms(t.ctx, await staffActor(t, tm.handler.id))).filter((a) => a.desk.slug === tm.desk.slug);
    expect(alarms.map((a) => [a.reference, a.count, a.held, a.floodReason])).toEqual([
      [wave[0]?.reference, 3, true, 'same_source'],
      [copied[0]?.reference, 2, true, 'same_text'],
      [real.reference, 1, false, null],
    ]);
    expect(await eventTypes(wave[1]!.id)).toEqual(['report_received', 'emergency_flood_same_source']);
    expect(await eventTypes(wave[0]!.id)).toEqual(['report_received', 'emergency_alert_raised', 'emergency_forward_held']);

    at(15);
    await drain();
    const forwarded = to(tm.mail('contact'));
    expect(forwarded.map((m) => [real, ...wave, ...copied].find((k) => m.data.includes(k.reference))?.reference)).toEqual([real.reference]);
    // The held wave is forwarded by a person, if it is real.
    expect(await eventTypes(wave[2]!.id)).not.toContain('emergency_packet_forwarded');
  });
});
