import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport, tableCounts, type FiledReport } from '../../../../tests/support/intake.js';
import { findCase } from '../../../db/repositories/cases.js';
import { listJobs } from '../../../db/repositories/jobs.js';
import { listAuditForCase } from '../../../db/repositories/audit-log.js';
import { CHECK_IN_DAYS } from '../../../domain/update-promises.js';
import { CASE_REMINDER_JOB, REPLY_NOTICE_EMAIL_JOB, type CaseReminderPayload } from '../../../services/job-kinds.js';
import type { CaseResponse as CaseBody } from '../../../shared/api/cases.js';
import type { ReporterCaseResponse } from '../../../shared/api/reporter.js';
import type { ErrorResponse as ErrorBody } from '../../../shared/api/errors.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;


describe.each(testDialects())('POST /api/v1/cases/:reference/replies on %s', (dialect) => {
  const start = new Date('2026-04-06T09:00:00.000Z');
  let t: TestApp;
  let handler: SignedIn;

  function reply(reference: string, who: SignedIn | null, payload: unknown, csrf = true) {
    const headers: Record<string, string> = {};
    if (who !== null) headers.cookie = who.cookie;
    if (who !== null && csrf) headers['x-csrf-token'] = who.csrfToken;
    return t.app.inject({ method: 'POST', url: `/api/v1/cases/${reference}/replies`, headers, payload: payload as object });
  }
  async function view(reference: string): Promise<CaseBody['case']> {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${reference}`, headers: { cookie: handler.cookie } });
    return response.json<CaseBody>().case;
  }
  async function reporterParty(report: FiledReport): Promise<string> {
    const party = (await view(report.reference)).parties.find((p) => p.role === 'reporter');
    if (party === undefined) throw new Error('no reporter party');
    return party.id;
  }
  async function readAsReporter(report: FiledReport) {
    const session = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: report.accessCode } });
    const cookie = session.cookies.find((c) => c.name === 'haven_reporter');
    if (cookie === undefined) throw new Error('no reporter cookie');
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/reporter/case', headers: { cookie: `haven_reporter=${cookie.value}` } });
    return { status: response.statusCode, body: response.body, json: response.json<ReporterCaseResponse>() };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    handler = await signInAs(t, 'handler');
  });
  afterAll(async () => { await t.close(); });

  it('walks 401, 403 (no CSRF), 400, 404 and 403 (reviewer), storing nothing', async () => {
    const report = await fileReport(t);
    const partyId = await reporterParty(report);
    const good = { partyId, body: 'Thank you for writing to us.' };
    const reviewer = await signInAs(t, 'reviewer');
    const before = await tableCounts(t);

    expect((await reply(report.reference, null, good)).statusCode).toBe(401);
    expect((await reply(report.reference, handler, good, false)).statusCode).toBe(403);
    expect((await reply('HV-2026-99999', handler, good)).statusCode).toBe(400);
    expect((await reply('HV-2026-999999', handler, good)).statusCode).toBe(404);
    const forbidden = await reply(report.reference, reviewer, good);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json<ErrorBody>().error.code).toBe('forbidden');

    const invalid: [unknown, string][] = [
      [{ partyId, body: '   ' }, 'body'],
      [{ partyId, body: 'x'.repeat(10_001) }, 'body'],
      [{ partyId, body: 'hello\u0000' }, 'body'],
      [{ partyId, body: 'hello', promiseUpdateBy: 'next Friday' }, 'promiseUpdateBy'],
      [{ partyId, body: 'hello', promiseUpdateBy: '2026-04-10T17:00:00' }, 'promiseUpdateBy'],
      [{ partyId, body: 'hello', promiseUpdateBy: new Date(start.getTime() - HOUR).toISOString() }, 'promiseUpdateBy'],
      [{ partyId, body: 'hello', promiseUpdateBy: new Date(start.getTime() + 61 * DAY).toISOString() }, 'promiseUpdateBy'],
      [{ partyId: 'not-a-party', body: 'hello' }, 'partyId'],
      [{ partyId, body: 'hello', cc: 'someone' }, ''],
    ];
    for (const [payload, field] of invalid) {
      const response = await reply(report.reference, handler, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const fields = response.json<ErrorBody>().error.fields?.map((f) => f.path) ?? [];
      if (field !== '') expect(fields).toContain(field);
    }
    expect(await tableCounts(t)).toEqual(before);
  });

  // Messages to a reported person (issue 11) are tested in cases.reported-person.test.ts.
  it('refuses a reply to a party of another case as a field error', async () => {
    const report = await fileReport(t, { reportedAccounts: ['Reported-one'] });
    const other = await fileReport(t);
    const reported = (await view(report.reference)).parties.find((p) => p.role === 'reported');
    expect(reported?.canReceiveReplies).toBe(false);
    for (const partyId of [await reporterParty(other)]) {
      const response = await reply(report.reference, handler, { partyId, body: 'hello' });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.fields?.[0]?.path).toBe('partyId');
    }
  });

  it('sends a reply with a promise: acknowledged, clocked, reminded, noticed, audited, and read by the reporter', async () => {
    const report = await fileReport(t, { contactEmail: 'reporter-for-replies@example.org' });
    const partyId = await reporterParty(report);
    const promise = new Date(start.getTime() + 3 * DAY);
    const body = 'Thank you. We are looking at the diffs you sent\nand will write again by Thursday.';
    const response = await reply(report.reference, handler, { partyId, body, promiseUpdateBy: promise.toISOString() });
    expect(response.statusCode).toBe(201);
    const kase = response.json<CaseBody>().case;
    expect(kase.status).toBe('acknowledged');
    expect(kase.firstRespondedAt).toBe(start.toISOString());
    expect(kase.nextUpdateDueAt).toBe(promise.toISOString());
    expect(kase.messages).toEqual([expect.objectContaining({
      partyId, direction: 'to_party', author: { kind: 'staff', username: handler.username }, body, promisedUpdateBy: promise.toISOString(),
    })]);
    expect(kase.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['status_changed', 'reply_sent', 'update_promised']));
    expect(kase.timeline.find((e) => e.type === 'update_promised')?.detail).toEqual({ promisedBy: promise.toISOString() });

    const stored = await findCase(t.ctx.db, { reference: report.reference });
    expect(stored?.urgentAt.toISOString()).toBe(promise.toISOString());
    const reminders = (await listJobs(t.ctx.db, CASE_REMINDER_JOB)).filter((j) => (j.payload as CaseReminderPayload).caseId === stored?.id);
    expect(reminders.map((j) => [j.runAt.toISOString(), (j.payload as CaseReminderPayload).clock])).toEqual([[promise.toISOString(), 'promised_update']]);
    const notices = (await listJobs(t.ctx.db, REPLY_NOTICE_EMAIL_JOB)).filter((j) => JSON.stringify(j.payload).includes(stored?.id ?? '?'));
    expect(notices).toHaveLength(1);
    const audit = await listAuditForCase(t.ctx.db, stored?.id ?? '');
    expect(audit.filter((a) => a.action === 'case.reply_sent').map((a) => a.actorId)).toEqual([handler.userId]);

    const seen = await readAsReporter(report);
    expect(seen.status).toBe(200);
    expect(seen.json.case.nextUpdateDueAt).toBe(promise.toISOString());
    expect(seen.json.case.messages).toEqual([expect.objectContaining({ body, from: 'staff' })]);
    expect(seen.body).not.toContain(handler.username);
  });

  it('starts a check-in clock when no date is promised, and a later reply replaces the promise', async () => {
    const report = await fileReport(t);
    const partyId = await reporterParty(report);
    const promise = new Date(start.getTime() + 2 * DAY);
    await reply(report.reference, handler, { partyId, body: 'First reply.', promiseUpdateBy: promise.toISOString() });
    // Within the 12-hour staff session.
    const later = new Date(start.getTime() + 6 * HOUR);
    t.setNow(later);
    try {
      const second = await reply(report.reference, handler, { partyId, body: 'Here is the update I promised.' });
      expect(second.statusCode).toBe(201);
      const kase = second.json<CaseBody>().case;
      expect(kase.nextUpdateDueAt).toBeNull();
      expect(kase.firstRespondedAt).toBe(start.toISOString());
      expect(kase.timeline.filter((e) => e.type === 'status_changed')).toHaveLength(1);
      const stored = await findCase(t.ctx.db, { reference: report.reference });
      expect(stored?.urgentAt.getTime()).toBe(later.getTime() + CHECK_IN_DAYS * DAY);
      // No reporter address on this report: no notice job was queued for it.
      expect((await listJobs(t.ctx.db, REPLY_NOTICE_EMAIL_JOB)).some((j) => JSON.stringify(j.payload).includes(stored?.id ?? '?'))).toBe(false);
    } finally {
      t.setNow(start);
    }
  });
});
