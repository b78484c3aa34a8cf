import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport, tableCounts } from '../../../../tests/support/intake.js';
import { startSmtp } from '../../../../tests/support/smtp-server.js';
import { auditDetails } from '../../../../tests/support/audit-details.js';
import { smtpMailer } from '../../../integrations/mail/mailer.js';
import { runDueJobs, type WorkerDeps } from '../../../jobs/worker.js';
import type { CaseResponse } from '../../../shared/api/cases.js';
import type { ErrorResponse } from '../../../shared/api/errors.js';
import { caseId } from './cases.test-helpers.js';

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

// Writing to a reported person through POST .../replies: by email or by hand, and never
// naming who reported them unless the handler says why, in writing.
describe.each(testDialects())('messages to a reported person on %s', (dialect) => {
  let t: TestApp;
  let handler: SignedIn;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let deps: WorkerDeps;

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) => t.app.inject({
    method, url, headers: { cookie: handler.cookie, 'x-csrf-token': handler.csrfToken }, ...(payload === undefined ? {} : { payload: payload as object }),
  });
  const view = async (reference: string) => (await call('GET', `/api/v1/cases/${reference}`)).json<CaseResponse>().case;

  /** A third-party report naming the reporter, the target (with a display name) and one reported person. */
  async function setUp(reportedEmail: string | null) {
    const report = await fileReport(t, {
      reporterRole: 'third_party', targetAccount: 'Gentle_Wren', reportedAccounts: ['Loud_Crow'], contactEmail: 'wren.friend@example.org',
      links: ['https://wiki.example.org/w/index.php?diff=4242'],
    });
    const kase = await view(report.reference);
    const reporter = kase.parties.find((p) => p.role === 'reporter')!;
    const target = kase.parties.find((p) => p.role === 'target')!;
    const reported = kase.parties.find((p) => p.role === 'reported')!;
    await call('PATCH', `/api/v1/cases/${report.reference}/parties/${reporter.id}`, { accountName: 'Kind_Robin', displayName: 'Robin Example' });
    await call('PATCH', `/api/v1/cases/${report.reference}/parties/${target.id}`, { displayName: 'Wren Example' });
    if (reportedEmail !== null) await call('PATCH', `/api/v1/cases/${report.reference}/parties/${reported.id}`, { contactEmail: reportedEmail });
    return { report, reporter, target, reported };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    handler = await signInAs(t, 'handler');
    smtp = await startSmtp();
    deps = { mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Haven <haven@localhost>'), publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog };
  });
  afterAll(async () => { deps.mailer.close(); await smtp.close(); await t.close(); });

  it('emails a clean message to a reported person whose address is known, citing a public diff', async () => {
    const { report, reported } = await setUp('crow@example.org');
    const body = 'Your edit https://wiki.example.org/w/index.php?diff=4242 broke the civility policy. Please stop.';
    const sent = await call('POST', `/api/v1/cases/${report.reference}/replies`, { partyId: reported.id, body });
    expect(sent.statusCode).toBe(201);
    const kase = sent.json<CaseResponse>().case;
    expect(kase.messages).toEqual([expect.objectContaining({ partyId: reported.id, body, delivery: 'email', direction: 'to_party' })]);
    // Writing to a reported person is not the reporter's first response.
    expect(kase.firstRespondedAt).toBeNull();
    expect(kase.status).toBe('new');
    const before = smtp.received.length;
    await runDueJobs(t.ctx, deps, 'test-worker');
    const mail = smtp.received.slice(before).find((m) => m.to.includes('crow@example.org'));
    expect(mail?.data.replace(/=\r?\n/g, '')).toContain('broke the civility policy');
  });

  it('marks a message for copying by hand when no address is known', async () => {
    const { report, reported } = await setUp(null);
    const sent = await call('POST', `/api/v1/cases/${report.reference}/replies`, { partyId: reported.id, body: 'Please keep discussions on the article talk page.' });
    expect(sent.statusCode).toBe(201);
    expect(sent.json<CaseResponse>().case.messages[0]?.delivery).toBe('by_hand');
  });

  it.each([
    ['the reporter\'s account name', 'A report from Kind_Robin says you', 'reporter'],
    ['the reporter\'s account name, spaced and upper case', 'KIND ROBIN told us', 'reporter'],
    ['the reporter\'s display name, dotted', 'R.o.b.i.n E.x.a.m.p.l.e wrote in', 'reporter'],
    ['the reporter\'s address', 'Contact wren.friend@example.org', 'reporter'],
    ['the target\'s account name with look-alike letters', 'Leave G\u0435ntl\u0435_Wr\u0435n alone', 'target'],
    ['the target\'s display name with zero-width characters', 'Wren\u200b Example is upset', 'target'],
  ])('refuses a message naming %s with 409 identity_leak, storing nothing', async (_what, body, who) => {
    const { report, reported } = await setUp(null);
    const before = await tableCounts(t);
    const refused = await call('POST', `/api/v1/cases/${report.reference}/replies`, { partyId: reported.id, body });
    expect(refused.statusCode).toBe(409);
    const error = refused.json<ErrorResponse>().error;
    expect(error.code).toBe('identity_leak');
    expect(error.fields?.map((f) => f.path)).toEqual(['body']);
    expect(error.fields?.[0]?.message).toContain(`The ${who}'s`);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('sends it with a written reason, audited; a too-short reason is a 400', async () => {
    const { report, reported } = await setUp(null);
    const body = 'Kind_Robin has agreed that we tell you they raised this.';
    const url = `/api/v1/cases/${report.reference}/replies`;
    expect((await call('POST', url, { partyId: reported.id, body, leakOverrideReason: 'ok' })).statusCode).toBe(400);
    const sent = await call('POST', url, { partyId: reported.id, body, leakOverrideReason: 'The reporter asked us in writing to name them.' });
    expect(sent.statusCode).toBe(201);
    const kase = sent.json<CaseResponse>().case;
    const messageId = kase.messages[0]!.id;
    expect(kase.timeline.map((e) => [e.type, e.detail])).toContainEqual(['leak_guard_overridden', { messageId }]);
    expect(await auditDetails(t, await caseId(t, report.reference), 'case.leak_guard_overridden')).toEqual([{
      partyId: reported.id, messageId, found: ['reporter:account_name'], reason: 'The reporter asked us in writing to name them.',
    }]);
  });

  it('does not search for what the reporter agreed the reported person may know', async () => {
    const { report, reporter, reported } = await setUp(null);
    const url = `/api/v1/cases/${report.reference}/replies`;
    const body = 'Kind_Robin raised this with us.';
    expect((await call('POST', url, { partyId: reported.id, body })).statusCode).toBe(409);
    const consent = await call('PUT', `/api/v1/cases/${report.reference}/consent/${reporter.id}`, { grants: [{ subject: 'identity', audience: 'reported_person' }] });
    expect(consent.statusCode).toBe(200);
    expect((await call('POST', url, { partyId: reported.id, body })).statusCode).toBe(201);
  });

  it('takes no promise of an update for a reported person', async () => {
    const { report, reported } = await setUp(null);
    const response = await call('POST', `/api/v1/cases/${report.reference}/replies`, {
      partyId: reported.id, body: 'We will write again.', promiseUpdateBy: new Date(t.ctx.now().getTime() + 3 * 86_400_000).toISOString(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>().error.fields?.map((f) => f.path)).toEqual(['promiseUpdateBy']);
  });
});
