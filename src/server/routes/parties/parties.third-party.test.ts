import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport } from '../../../../tests/support/intake.js';
import { startSmtp } from '../../../../tests/support/smtp-server.js';
import { auditDetails } from '../../../../tests/support/audit-details.js';
import { smtpMailer } from '../../../integrations/mail/mailer.js';
import { runDueJobs, type WorkerDeps } from '../../../jobs/worker.js';
import type { CaseResponse } from '../../../shared/api/cases.js';
import type { IssueAccessResponse, PartiesResponse, TargetWishesResponse } from '../../../shared/api/parties.js';
import type { ReporterCaseResponse } from '../../../shared/api/reporter.js';
import { caseId } from '../cases/cases.test-helpers.js';

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

// A third-party report: the desk writes to the target privately, through their own code and
// thread, and records what they want. Each party reads only their own thread.
describe.each(testDialects())('third-party reports on %s', (dialect) => {
  let t: TestApp;
  let handler: SignedIn;
  let reviewer: SignedIn;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let deps: WorkerDeps;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: SignedIn | null, payload?: unknown) => t.app.inject({
    method, url, headers: who === null ? {} : { cookie: who.cookie, 'x-csrf-token': who.csrfToken }, ...(payload === undefined ? {} : { payload: payload as object }),
  });
  const view = async (reference: string) => (await call('GET', `/api/v1/cases/${reference}`, handler)).json<CaseResponse>().case;
  async function readAs(code: string) {
    const session = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: code } });
    expect(session.statusCode).toBe(200);
    const cookie = session.cookies.find((c) => c.name === 'haven_reporter');
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/reporter/case', headers: { cookie: `haven_reporter=${cookie?.value ?? ''}` } });
    return { raw: response.body, body: response.json<ReporterCaseResponse>().case };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    handler = await signInAs(t, 'handler');
    reviewer = await signInAs(t, 'reviewer');
    smtp = await startSmtp();
    deps = { mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Haven <haven@localhost>'), publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog };
  });
  afterAll(async () => { deps.mailer.close(); await smtp.close(); await t.close(); });

  it('issues the target a code: 401, 400, 404, 403 for a reviewer, 409 for the reporter or a reported person; then shows it once', async () => {
    const report = await fileReport(t, { reporterRole: 'third_party', targetAccount: 'Target_Of_It', reportedAccounts: ['Doer'] });
    const parties = (await call('GET', `/api/v1/cases/${report.reference}/parties`, handler)).json<PartiesResponse>().parties;
    const target = parties.find((p) => p.role === 'target')!;
    const url = (id: string) => `/api/v1/cases/${report.reference}/parties/${id}/access`;
    expect((await call('POST', url(target.id), null, { delivery: 'show' })).statusCode).toBe(401);
    expect((await call('POST', url(target.id), handler, { delivery: 'carrier pigeon' })).statusCode).toBe(400);
    expect((await call('POST', url(target.id), handler, { delivery: 'email' })).statusCode).toBe(400);
    expect((await call('POST', url('no-such-party'), handler, { delivery: 'show' })).statusCode).toBe(404);
    expect((await call('POST', url(target.id), reviewer, { delivery: 'show' })).statusCode).toBe(403);
    for (const role of ['reporter', 'reported']) {
      expect((await call('POST', url(parties.find((p) => p.role === role)!.id), handler, { delivery: 'show' })).statusCode, role).toBe(409);
    }
    const issued = await call('POST', url(target.id), handler, { delivery: 'show' });
    expect(issued.statusCode).toBe(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    const code = issued.json<IssueAccessResponse>().accessCode!;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/);
    expect((await readAs(code)).body.reference).toBe(report.reference);
    // Only the hash is kept.
    const stored = await t.ctx.db.selectFrom('reporter_access').select('code_hash').execute();
    expect(stored.some((r) => r.code_hash.includes(code))).toBe(false);
    const kase = await view(report.reference);
    expect(kase.parties.find((p) => p.id === target.id)?.canReceiveReplies).toBe(true);
    expect(kase.timeline.map((e) => [e.type, e.detail])).toContainEqual(['party_access_issued', { partyRole: 'target' }]);
    expect(await auditDetails(t, await caseId(t, report.reference), 'case.party_access_issued')).toEqual([{ partyId: target.id, role: 'target', delivery: 'shown' }]);
  });

  it('emails the target their code at the address the handler enters, and a new code replaces the old one', async () => {
    const report = await fileReport(t, { reporterRole: 'third_party', targetAccount: 'Mailed_Target' });
    const target = (await view(report.reference)).parties.find((p) => p.role === 'target')!;
    const url = `/api/v1/cases/${report.reference}/parties/${target.id}/access`;
    const shown = (await call('POST', url, handler, { delivery: 'show' })).json<IssueAccessResponse>().accessCode!;
    const emailed = await call('POST', url, handler, { delivery: 'email', contactEmail: 'target.person@example.org' });
    expect(emailed.statusCode).toBe(201);
    expect(emailed.json<IssueAccessResponse>().accessCode).toBeNull();
    const before = smtp.received.length;
    await runDueJobs(t.ctx, deps, 'test-worker');
    const mail = smtp.received.slice(before).find((m) => m.to.includes('target.person@example.org'));
    expect(mail).toBeDefined();
    const code = /\b([0-9A-Z]{4}(?:-[0-9A-Z]{1,4}){6})\b/.exec(mail!.data.replace(/=\r?\n/g, ''))?.[1];
    expect(code).toBeDefined();
    expect((await readAs(code!)).body.reference).toBe(report.reference);
    // The email says nothing of the reporter or the reported person.
    expect(mail!.data).not.toContain(report.input.reportedAccounts[0]!);
    const old = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: shown } });
    expect(old.statusCode).toBe(401);
    expect((await view(report.reference)).parties.find((p) => p.id === target.id)?.hasContactEmail).toBe(true);
  });

  it('gives reporter and target each their own thread, and neither learns of the other', async () => {
    const report = await fileReport(t, {
      reporterRole: 'third_party', targetAccount: 'Private_Target', reportedAccounts: ['Harasser_Account'],
      description: 'Harasser_Account keeps posting about Private_Target on many talk pages.', contactEmail: 'reporter.third@example.org',
    });
    const kase = await view(report.reference);
    const reporter = kase.parties.find((p) => p.role === 'reporter')!;
    const target = kase.parties.find((p) => p.role === 'target')!;
    const code = (await call('POST', `/api/v1/cases/${report.reference}/parties/${target.id}/access`, handler, { delivery: 'show' })).json<IssueAccessResponse>().accessCode!;
    const toReporter = 'Thank you for telling us; we are looking into it now.';
    const toTarget = 'We would like to hear from you privately about some posts.';
    expect((await call('POST', `/api/v1/cases/${report.reference}/replies`, handler, { partyId: reporter.id, body: toReporter })).statusCode).toBe(201);
    expect((await call('POST', `/api/v1/cases/${report.reference}/replies`, handler, { partyId: target.id, body: toTarget })).statusCode).toBe(201);

    const asReporter = await readAs(report.accessCode);
    const asTarget = await readAs(code);
    expect(asReporter.body.messages.map((m) => m.body)).toEqual([toReporter]);
    expect(asTarget.body.messages.map((m) => m.body)).toEqual([toTarget]);
    for (const [raw, others] of [
      [asReporter.raw, [toTarget, target.id, 'Private_Target']],
      [asTarget.raw, [toReporter, reporter.id, 'reporter.third@example.org', 'Harasser_Account', report.input.description]],
    ] as const) {
      for (const secret of others) expect(raw.includes(secret), secret).toBe(false);
    }
    // The handler sees both threads, each named by its audience.
    const after = await view(report.reference);
    expect(after.messages.map((m) => [m.partyId, m.body, m.delivery])).toEqual([[reporter.id, toReporter, 'status_page'], [target.id, toTarget, 'status_page']]);
    // The first response is owed to the reporter; the target's message does not change the clocks.
    expect(after.firstRespondedAt).not.toBeNull();
  });

  it('records the target\'s wishes (400, 404, 403; then 200) and the investigation goes on', async () => {
    const report = await fileReport(t, { reporterRole: 'third_party', targetAccount: 'Wishful_Target' });
    const kase = await view(report.reference);
    const target = kase.parties.find((p) => p.role === 'target')!;
    const reporter = kase.parties.find((p) => p.role === 'reporter')!;
    const url = (id: string) => `/api/v1/cases/${report.reference}/parties/${id}/wishes`;
    const good = { wantsAction: 'no', agreesToPublicSteps: false };
    expect((await call('PUT', url(target.id), null, good)).statusCode).toBe(401);
    expect((await call('PUT', url(target.id), handler, { wantsAction: 'maybe', agreesToPublicSteps: null })).statusCode).toBe(400);
    expect((await call('PUT', url(target.id), handler, { wantsAction: 'no' })).statusCode).toBe(400);
    expect((await call('PUT', url(reporter.id), handler, good)).statusCode).toBe(400);
    expect((await call('PUT', url('nobody'), handler, good)).statusCode).toBe(404);
    expect((await call('PUT', url(target.id), reviewer, good)).statusCode).toBe(403);
    const recorded = await call('PUT', url(target.id), handler, good);
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json<TargetWishesResponse>().wishes).toEqual({ ...good, recordedAt: t.ctx.now().toISOString() });
    const unanswered = await call('PUT', url(target.id), handler, { wantsAction: null, agreesToPublicSteps: null });
    expect(unanswered.statusCode).toBe(200);
    const after = await view(report.reference);
    expect(after.timeline.filter((e) => e.type === 'target_wishes_recorded')).toHaveLength(2);
    expect(after.status).toBe('new');
    expect(await auditDetails(t, await caseId(t, report.reference), 'case.target_wishes_recorded')).toEqual([
      { partyId: target.id, ...good }, { partyId: target.id, wantsAction: null, agreesToPublicSteps: null },
    ]);
  });
});
