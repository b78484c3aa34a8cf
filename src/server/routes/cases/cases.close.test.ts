import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { adjustCase, makeCase, makeDesk, makeStaff, revokeReporterAccess, signInStaff, type MadeCase } from '../../../../tests/support/factories.js';
import { tableCounts } from '../../../../tests/support/intake.js';
import { listJobs } from '../../../db/repositories/jobs.js';
import { listAuditForCase } from '../../../db/repositories/audit-log.js';
import { FOLLOW_UP_JOB, REPLY_NOTICE_EMAIL_JOB } from '../../../services/job-kinds.js';
import type { CaseResponse as CaseBody } from '../../../shared/api/cases.js';
import type { ReporterCaseResponse } from '../../../shared/api/reporter.js';
import type { ErrorResponse as ErrorBody } from '../../../shared/api/errors.js';

const DAY = 86_400_000;
const RECORD = { summary: 'Reverts and remarks on the reporter\'s talk page.', findings: 'The remarks were rude but stopped after one day.' };
const NEXT_STEPS = 'If it starts again, add it on your status page; you can also ask the community noticeboard for help.';

describe.each(testDialects())('POST /api/v1/cases/:reference/close on %s', (dialect) => {
  const start = new Date('2026-04-06T09:00:00.000Z');
  let t: TestApp;
  let handler: SignedIn;

  const call = (who: SignedIn | null, method: 'GET' | 'POST', url: string, payload?: object, csrf = true) => {
    const headers: Record<string, string> = {};
    if (who !== null) headers.cookie = who.cookie;
    if (who !== null && csrf) headers['x-csrf-token'] = who.csrfToken;
    return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  };
  const close = (kase: { reference: string }, payload: object, who: SignedIn | null = handler, csrf = true) =>
    call(who, 'POST', `/api/v1/cases/${kase.reference}/close`, payload, csrf);
  const view = async (kase: { reference: string }) => (await call(handler, 'GET', `/api/v1/cases/${kase.reference}`)).json<CaseBody>().case;
  const reporterOf = async (kase: MadeCase) => (await view(kase)).parties.find((p) => p.role === 'reporter')?.id ?? '';
  const nonActionable = async (kase: MadeCase) => ({
    outcome: 'non_actionable', closingRecord: RECORD, nextSteps: NEXT_STEPS,
    messages: [{ partyId: await reporterOf(kase), body: 'I have looked at everything you sent. We cannot act on it, and here is why.' }],
  });
  async function asReporter(kase: MadeCase) {
    const session = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: kase.accessCode } });
    const cookie = session.cookies.find((c) => c.name === 'haven_reporter');
    return (await t.app.inject({ method: 'GET', url: '/api/v1/reporter/case', headers: { cookie: `haven_reporter=${cookie?.value ?? ''}` } })).json<ReporterCaseResponse>().case;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    handler = await signInAs(t, 'handler');
  });
  afterAll(async () => { await t.close(); });

  it('walks 401 → 400 → 404 (missing, another desk) → 403 (reviewer), storing nothing', async () => {
    const kase = await makeCase(t, { desk: 'main' });
    const good = await nonActionable(kase);
    const other = await makeDesk(t);
    const outsider = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: other }));
    const reviewer = await signInAs(t, 'reviewer');
    const before = await tableCounts(t);
    expect((await close(kase, good, null)).statusCode).toBe(401);
    expect((await close(kase, good, handler, false)).statusCode).toBe(403);
    const invalid: [object, string][] = [
      [{ ...good, outcome: 'resolved' }, 'outcome'],
      [{ ...good, closingRecord: { summary: 'x' } }, 'closingRecord.findings'],
      [{ ...good, messages: [{ partyId: 'nobody', body: 'hello' }] }, 'messages.0.partyId'],
      [{ ...good, followUpAt: 'next week' }, 'followUpAt'],
      [{ ...good, followUpAt: new Date(start.getTime() - DAY).toISOString() }, 'followUpAt'],
      [{ ...good, outcome: 'duplicate' }, 'duplicateOf'],
      [{ ...good, outcome: 'duplicate', duplicateOf: kase.reference }, 'duplicateOf'],
      [{ ...good, actions: [{ partyId: 'x', kind: 'warning', appeal: 'Write to the desk.' }] }, 'actions'],
      [{ ...good, extra: true }, ''],
    ];
    for (const [payload, field] of invalid) {
      const response = await close(kase, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      if (field !== '') expect(response.json<ErrorBody>().error.fields?.map((f) => f.path), JSON.stringify(payload)).toContain(field);
    }
    expect((await close({ reference: 'HV-2026-999999' }, good)).statusCode).toBe(404);
    const fromOutside = await close(kase, good, outsider);
    expect(fromOutside.statusCode).toBe(404);
    expect(fromOutside.json<ErrorBody>().error.code).toBe('not_found');
    expect((await close(kase, good, reviewer)).statusCode).toBe(403);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('answers each closing guard with its own 409 code and changes nothing', async () => {
    const kase = await makeCase(t, { desk: 'main' });
    const good = await nonActionable(kase);
    const before = await tableCounts(t);
    const refusals: [object, string][] = [
      [{ ...good, closingRecord: { summary: ' ', findings: RECORD.findings } }, 'closing_record_incomplete'],
      [{ ...good, messages: [] }, 'reporter_not_told'],
      [{ ...good, messages: [{ partyId: good.messages[0]?.partyId, body: '   ' }] }, 'reporter_not_told'],
      [{ ...good, nextSteps: undefined }, 'next_steps_missing'],
      [{ ...good, nextSteps: '  ' }, 'next_steps_missing'],
    ];
    for (const [payload, code] of refusals) {
      const response = await close(kase, payload);
      expect(response.statusCode, code).toBe(409);
      expect(response.json<ErrorBody>().error.code).toBe(code);
    }
    // A case marked for review, in review, without its sign-offs.
    await t.ctx.db.updateTable('cases').set({ requires_review: 1 }).where('id', '=', kase.id).execute();
    await adjustCase(t, kase.id, { status: 'in_review' });
    const review = await close(kase, good);
    expect(review.statusCode).toBe(409);
    expect(review.json<ErrorBody>().error.code).toBe('review_incomplete');
    expect(await tableCounts(t)).toEqual(before);
    expect((await view(kase)).status).toBe('in_review');
  });

  it('closes as non-actionable: the message carries the next steps, the record lists who looked, the reporter reads it all', async () => {
    const kase = await makeCase(t, { desk: 'main', contactEmail: 'closing-reader@example.org' });
    const partyId = await reporterOf(kase);
    const replier = await signInAs(t, 'handler');
    await call(replier, 'POST', `/api/v1/cases/${kase.reference}/replies`, { partyId, body: 'We have your report and are reading it now.' });
    const followUpAt = new Date(start.getTime() + 30 * DAY);
    const response = await close(kase, { ...(await nonActionable(kase)), followUpAt: followUpAt.toISOString() });
    expect(response.statusCode).toBe(200);
    const closed = response.json<CaseBody>().case;
    expect(closed.status).toBe('closed');
    expect(closed.nextUpdateDueAt).toBeNull();
    expect(closed.closing).toMatchObject({ outcome: 'non_actionable', ...RECORD, nextSteps: NEXT_STEPS, followUpAt: followUpAt.toISOString() });
    expect(closed.closing?.reviewedBy.map((r) => r.username)).toEqual([replier.username, handler.username]);
    const last = closed.messages.at(-1);
    expect(last?.body).toContain(NEXT_STEPS);
    expect(closed.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['status_changed', 'closing_message_sent', 'follow_up_scheduled']));

    const notices = (await listJobs(t.ctx.db, REPLY_NOTICE_EMAIL_JOB)).filter((j) => JSON.stringify(j.payload).includes(last?.id ?? '?'));
    expect(notices).toHaveLength(1);
    const followUps = (await listJobs(t.ctx.db, FOLLOW_UP_JOB)).filter((j) => JSON.stringify(j.payload).includes(kase.id));
    expect(followUps.map((j) => j.runAt.toISOString())).toEqual([followUpAt.toISOString()]);
    expect((await listAuditForCase(t.ctx.db, kase.id)).filter((a) => a.action === 'case.closed').map((a) => a.actorId)).toEqual([handler.userId]);

    const seen = await asReporter(kase);
    expect(seen.status).toBe('closed');
    expect(seen.messages.at(-1)?.body).toContain(NEXT_STEPS);
    expect(JSON.stringify(seen)).not.toContain(RECORD.findings);

    const again = await close(kase, await nonActionable(kase));
    expect(again.statusCode).toBe(409);
  });

  it('closes as action taken only with an action for every reported person, and a duplicate only naming its case', async () => {
    const kase = await makeCase(t, { desk: 'main', reportedAccounts: ['Reported-A', 'Reported-B'] });
    const reported = (await view(kase)).parties.filter((p) => p.role === 'reported').map((p) => p.id);
    const base = { ...(await nonActionable(kase)), outcome: 'action_taken', nextSteps: null };
    const warning = { kind: 'warning', appeal: 'Reply to the warning on your talk page.' };
    const missing = await close(kase, { ...base, actions: [{ partyId: reported[0], ...warning }] });
    expect(missing.statusCode).toBe(400);
    const block = { partyId: reported[1], kind: 'sitewide_block', expiresAt: new Date(start.getTime() + 7 * DAY).toISOString(), logUrl: 'https://wiki.example.org/log/123', appeal: 'Appeal by email to the arbitration committee.' };
    const other = { partyId: reported[0], kind: 'other', appeal: 'Write to the desk.' };
    expect((await close(kase, { ...base, actions: [other, block] })).json<ErrorBody>().error.fields?.map((f) => f.path)).toContain('actions.0.description');
    expect((await close(kase, { ...base, actions: [{ ...warning, partyId: reported[0], expiresAt: block.expiresAt }, block] })).statusCode).toBe(400);
    const ok = await close(kase, { ...base, actions: [{ partyId: reported[0], ...warning }, block] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<CaseBody>().case.closing?.actions).toEqual([
      { partyId: reported[0], kind: 'warning', description: null, expiresAt: null, logUrl: null, appeal: warning.appeal },
      { ...block, description: null },
    ]);

    const original = await makeCase(t, { desk: 'main' });
    const dup = await makeCase(t, { desk: 'main' });
    const asDuplicate = await close(dup, { ...(await nonActionable(dup)), outcome: 'duplicate', nextSteps: null, duplicateOf: original.reference });
    expect(asDuplicate.statusCode).toBe(200);
    expect(asDuplicate.json<CaseBody>().case.closing?.duplicateOf).toBe(original.reference);
  });

  it('closes a case whose reporter cannot be reached without a message', async () => {
    const kase = await makeCase(t, { desk: 'main' });
    await revokeReporterAccess(t, kase.id);
    const response = await close(kase, { outcome: 'withdrawn', closingRecord: RECORD, messages: [] });
    expect(response.statusCode).toBe(200);
    expect(response.json<CaseBody>().case.status).toBe('closed');
  });
});
