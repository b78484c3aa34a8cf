import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { tableCounts } from '../../../../tests/support/intake.js';
import { adjustCase, makeCase, makeDesk, makeStaff, signInStaff, type MadeCase } from '../../../../tests/support/factories.js';
import { findCase } from '../../../db/repositories/cases.js';
import { addGroupMember } from '../../../db/repositories/staff.js';
import { saveReviewSettings } from '../../../db/repositories/review.js';
import { listAuditForCase } from '../../../db/repositories/audit-log.js';
import { transition, type ClosingTransition } from '../../../domain/case-lifecycle.js';
import { reviewStateOf } from '../../../services/review-state.js';
import type { ReviewResponse } from '../../../shared/api/routing.js';
import { missingReference, type CaseBody, type ErrorBody } from '../cases/cases.test-helpers.js';

const CLOSE: ClosingTransition = {
  to: 'closed', outcome: 'action_taken', reporterMessageSent: true,
  closingRecord: { summary: 'Hounding across talk pages.', reviewedBy: ['r1', 'r2'], findings: 'A pattern over three weeks.' },
};

describe.each(testDialects())('review routes on %s', (dialect) => {
  const start = new Date('2026-03-02T10:00:00.000Z');
  let t: TestApp;
  let handler: SignedIn;
  let reviewers: SignedIn[];
  let outsider: SignedIn;

  const send = (method: 'GET' | 'POST', url: string, who: SignedIn | null, payload?: object) => t.app.inject({
    method, url, headers: who === null ? {} : { cookie: who.cookie, 'x-csrf-token': who.csrfToken }, ...(payload === undefined ? {} : { payload }),
  });
  const jobsOfKind = async (kind: string) => (await t.ctx.db.selectFrom('jobs').select(['payload']).where('kind', '=', kind).execute()).map((j) => JSON.parse(j.payload) as { caseId: string; staffId: string });

  /** A case the handler holds, routed to private review and being investigated. */
  async function routedCase(): Promise<MadeCase> {
    const kase = await makeCase(t, { desk: 'main', category: 'hounding', assigneeId: handler.userId });
    await adjustCase(t, kase.id, { status: 'investigating' });
    const chosen = await send('POST', `/api/v1/cases/${kase.reference}/routing/choice`, handler, { venue: 'private_review', reason: 'Subtle, long-running.' });
    expect(chosen.statusCode).toBe(200);
    return kase;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    handler = await signInAs(t, 'handler');
    reviewers = [];
    for (let i = 0; i < 3; i += 1) reviewers.push(await signInStaff(t, await makeStaff(t, { role: 'reviewer', email: `reviewer${i}@example.org` })));
    const other = await makeDesk(t, { slug: 'other', name: 'Other desk', reporterName: 'Another community' });
    outsider = await signInStaff(t, await makeStaff(t, { role: 'reviewer', desk: other }));
  });
  afterAll(async () => { await t.close(); });

  it('POST review/mark walks 401, 400, 403, 404, then marks with the reason on the timeline', async () => {
    const kase = await makeCase(t, { desk: 'main', category: 'hounding' });
    const url = `/api/v1/cases/${kase.reference}/review/mark`;
    const before = await tableCounts(t);
    expect((await send('POST', url, null, { reason: 'r' })).statusCode).toBe(401);
    expect((await send('POST', url, handler, { reason: '' })).statusCode).toBe(400);
    expect((await send('POST', url, reviewers[0] ?? null, { reason: 'r' })).statusCode).toBe(403);
    expect((await send('POST', url, outsider, { reason: 'r' })).statusCode).toBe(404);
    expect(await tableCounts(t)).toEqual(before);
    const marked = await send('POST', url, handler, { reason: 'The reported user is an administrator\'s friend; more eyes.' });
    expect(marked.statusCode).toBe(200);
    expect(marked.json<ReviewResponse>()).toMatchObject({ requiresReview: true, requiredSignOffs: 2, approvals: 0, mayClose: false });
    const timeline = (await send('GET', `/api/v1/cases/${kase.reference}`, handler)).json<CaseBody>().case.timeline;
    expect(timeline.find((e) => e.type === 'review_required')?.detail).toEqual({ reason: 'The reported user is an administrator\'s friend; more eyes.', signOffs: 2 });
    expect((await send('POST', url, handler, { reason: 'again' })).statusCode).toBe(409);
  });

  it('POST review/start walks 401, 400, 403, 404, then moves to in_review and asks each reviewer by email', async () => {
    const kase = await routedCase();
    const url = `/api/v1/cases/${kase.reference}/review/start`;
    const before = await tableCounts(t);
    expect((await send('POST', url, null)).statusCode).toBe(401);
    expect((await send('POST', '/api/v1/cases/HV-1/review/start', handler)).statusCode).toBe(400);
    expect((await send('POST', url, reviewers[0] ?? null)).statusCode).toBe(403);
    const hidden = await send('POST', url, outsider);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json<ErrorBody>()).toEqual((await send('POST', `/api/v1/cases/${await missingReference(t)}/review/start`, outsider)).json<ErrorBody>());
    expect(await tableCounts(t)).toEqual(before);
    expect((await send('POST', url, handler)).statusCode).toBe(200);
    expect((await findCase(t.ctx.db, { id: kase.id }))?.status).toBe('in_review');
    const asked = (await jobsOfKind('email.review_request')).filter((j) => j.caseId === kase.id).map((j) => j.staffId).sort();
    expect(asked).toEqual(reviewers.map((r) => r.userId).sort());
    const timeline = (await send('GET', `/api/v1/cases/${kase.reference}`, handler)).json<CaseBody>().case.timeline;
    expect(timeline.find((e) => e.type === 'reviewers_asked')?.detail).toEqual({ reviewers: 3 });
  });

  it('refuses to start a review on a case nobody marked', async () => {
    const kase = await makeCase(t, { desk: 'main', category: 'hounding' });
    await adjustCase(t, kase.id, { status: 'investigating' });
    expect((await send('POST', `/api/v1/cases/${kase.reference}/review/start`, handler)).statusCode).toBe(409);
  });

  it('POST sign-offs walks 401, 400, 403, 404; one sign-off refuses the close, two allow it', async () => {
    const kase = await routedCase();
    const url = `/api/v1/cases/${kase.reference}/sign-offs`;
    const [first, second] = reviewers;
    if (first === undefined || second === undefined) throw new Error('reviewers missing');
    // Not in review yet: a sign-off now would be a vote on work not yet put forward.
    expect((await send('POST', url, first, { decision: 'approve', comment: 'Fine.' })).statusCode).toBe(409);
    await send('POST', `/api/v1/cases/${kase.reference}/review/start`, handler);
    const before = await tableCounts(t);
    expect((await send('POST', url, null, { decision: 'approve', comment: 'Fine.' })).statusCode).toBe(401);
    expect((await send('POST', url, first, { decision: 'maybe', comment: 'Fine.' })).statusCode).toBe(400);
    expect((await send('POST', url, first, { decision: 'approve', comment: '' })).statusCode).toBe(400);
    expect((await send('POST', url, handler, { decision: 'approve', comment: 'Mine.' })).statusCode).toBe(403);
    expect((await send('POST', url, outsider, { decision: 'approve', comment: 'Fine.' })).statusCode).toBe(404);
    expect(await tableCounts(t)).toEqual(before);

    const one = await send('POST', url, first, { decision: 'approve', comment: 'The pattern is clear; the warning fits.' });
    expect(one.statusCode).toBe(201);
    expect(one.json<ReviewResponse>()).toMatchObject({ approvals: 1, requiredSignOffs: 2, mayClose: false, canSignOff: false });
    expect((await send('POST', url, first, { decision: 'approve', comment: 'Again.' })).statusCode).toBe(409);
    const afterOne = await findCase(t.ctx.db, { id: kase.id });
    if (afterOne === null) throw new Error('case missing');
    const refused = transition({ status: afterOne.status, ...(await reviewStateOf(t.ctx.db, afterOne)) }, CLOSE, t.ctx.now());
    expect(refused).toMatchObject({ ok: false, code: 'review_incomplete' });

    // An objection is heard, not counted.
    const objection = await send('POST', url, reviewers[2] ?? null, { decision: 'object', comment: 'Ask the target first.' });
    expect(objection.json<ReviewResponse>().approvals).toBe(1);
    const two = await send('POST', url, second, { decision: 'approve', comment: 'Agreed.' });
    expect(two.json<ReviewResponse>()).toMatchObject({ approvals: 2, mayClose: true });
    const allowed = transition({ status: afterOne.status, ...(await reviewStateOf(t.ctx.db, afterOne)) }, CLOSE, t.ctx.now());
    expect(allowed).toMatchObject({ ok: true, status: 'closed' });

    const audit = (await listAuditForCase(t.ctx.db, kase.id)).filter((a) => a.action === 'case.signed_off');
    expect(audit.map((a) => a.actorId)).toEqual([first.userId, reviewers[2]?.userId, second.userId]);
  });

  it('refuses the assignee\'s own sign-off even when they belong to the desk\'s reviewer group', async () => {
    const mainDesk = await t.ctx.db.selectFrom('desks').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow();
    await saveReviewSettings(t.ctx.db, mainDesk.id, { requiredSignOffs: 2, reviewerGroup: 'arbitrators' });
    await addGroupMember(t.ctx.db, { groupId: 'arbitrators', userId: handler.userId, now: start });
    const groupMember = await signInAs(t, 'handler');
    await addGroupMember(t.ctx.db, { groupId: 'arbitrators', userId: groupMember.userId, now: start });
    const kase = await routedCase();
    await send('POST', `/api/v1/cases/${kase.reference}/review/start`, handler);
    const own = await send('POST', `/api/v1/cases/${kase.reference}/sign-offs`, handler, { decision: 'approve', comment: 'Mine is fine.' });
    expect(own.statusCode).toBe(403);
    expect(own.json<ErrorBody>().error.message).toContain('assigned');
    // Another member of the group is a reviewer by that membership, though a handler by role.
    expect((await send('POST', `/api/v1/cases/${kase.reference}/sign-offs`, groupMember, { decision: 'approve', comment: 'Fine.' })).statusCode).toBe(201);
    await saveReviewSettings(t.ctx.db, mainDesk.id, { requiredSignOffs: 2, reviewerGroup: null });
  });

  it('keeps a discussion that the case\'s reviewers and staff read, and nobody else', async () => {
    const kase = await routedCase();
    const url = `/api/v1/cases/${kase.reference}/review/notes`;
    expect((await send('POST', url, null, { body: 'x' })).statusCode).toBe(401);
    expect((await send('POST', url, reviewers[0] ?? null, { body: '' })).statusCode).toBe(400);
    expect((await send('POST', url, outsider, { body: 'x' })).statusCode).toBe(404);
    const added = await send('POST', url, reviewers[0] ?? null, { body: 'Has anyone asked the target what they want?' });
    expect(added.statusCode).toBe(201);
    const seen = (await send('GET', `/api/v1/cases/${kase.reference}/review`, handler)).json<ReviewResponse>();
    expect(seen.notes.map((n) => [n.by, n.body])).toEqual([[reviewers[0]?.username, 'Has anyone asked the target what they want?']]);
    expect((await send('GET', `/api/v1/cases/${kase.reference}/review`, outsider)).statusCode).toBe(404);
    // The reporter's view of the case has no way to it: their status page shows their own thread only.
    const session = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: kase.accessCode } });
    const cookie = session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/reporter/case', headers: { cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('Has anyone asked the target');
  });
});
