import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { tableCounts } from '../../../../tests/support/intake.js';
import { makeCase, makeDesk, makeParty, makeStaff, signInStaff } from '../../../../tests/support/factories.js';
import { findCase } from '../../../db/repositories/cases.js';
import { listAuditForCase } from '../../../db/repositories/audit-log.js';
import type { RoutingResponse, RoutingRulesResponse } from '../../../shared/api/routing.js';
import { HOUR, missingReference, type CaseBody, type ErrorBody } from '../cases/cases.test-helpers.js';

const FACTS = { ongoing: false, subtle: false, personalInformation: false, privateEvidence: false, offSiteEvidence: false, reporter: null, reported: [] };

describe.each(testDialects())('routing routes on %s', (dialect) => {
  const start = new Date('2026-03-02T10:00:00.000Z');
  let t: TestApp;
  let handler: SignedIn;
  let outsider: SignedIn;
  let reviewer: SignedIn;

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, who: SignedIn | null, payload?: object) => t.app.inject({
    method, url, headers: who === null ? {} : { cookie: who.cookie, 'x-csrf-token': who.csrfToken }, ...(payload === undefined ? {} : { payload }),
  });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    handler = await signInAs(t, 'handler');
    reviewer = await signInAs(t, 'reviewer');
    const other = await makeDesk(t, { slug: 'other', name: 'Other desk', reporterName: 'Another community' });
    outsider = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: other }));
  });
  afterAll(async () => { await t.close(); });

  describe('GET /api/v1/cases/:reference/routing', () => {
    it('walks 401, 400, 404 (another desk, as for a missing case), then shows the plan with reasons and audits the read', async () => {
      const kase = await makeCase(t, { desk: 'main', category: 'personal_information' });
      const url = `/api/v1/cases/${kase.reference}/routing`;
      expect((await send('GET', url, null)).statusCode).toBe(401);
      expect((await send('GET', '/api/v1/cases/HV-1/routing', handler)).statusCode).toBe(400);
      const hidden = await send('GET', url, outsider);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json<ErrorBody>()).toEqual((await send('GET', `/api/v1/cases/${await missingReference(t)}/routing`, outsider)).json<ErrorBody>());
      const seen = await send('GET', url, handler);
      expect(seen.statusCode).toBe(200);
      const body = seen.json<RoutingResponse>();
      expect(body.recommendation.venue).toBe('single_admin');
      expect(body.recommendation.steps).toEqual([{ venue: 'containment', place: 'before' }, { venue: 'single_admin', place: 'primary' }]);
      expect(body.recommendation.reasons.map((r) => r.key)).toEqual(['routing.why.personal_information', 'routing.why.fallback']);
      expect(body.chosen).toBeNull();
      expect(body.ruleVersion).toBe(0);
      expect((await listAuditForCase(t.ctx.db, kase.id)).map((a) => a.action)).toContain('case.routing_viewed');
    });
  });

  describe('PUT /api/v1/cases/:reference/routing/facts', () => {
    it('walks 401, 400, 403 (reviewer), 404, then records standing that changes the plan', async () => {
      const kase = await makeCase(t, { desk: 'main', category: 'hounding', reportedAccounts: ['Some user'] });
      const url = `/api/v1/cases/${kase.reference}/routing/facts`;
      const party = (await send('GET', `/api/v1/cases/${kase.reference}/routing`, handler)).json<RoutingResponse>().facts.reported[0];
      expect(party?.username).toBe('Some user');
      const facts = { ...FACTS, reported: [{ partyId: party?.partyId ?? '', advancedRights: true, tenure: 'long_standing', sanctioned: false }] };
      const before = await tableCounts(t);
      expect((await send('PUT', url, null, facts)).statusCode).toBe(401);
      expect((await send('PUT', url, handler, { ...facts, ongoing: 'yes' })).statusCode).toBe(400);
      const foreign = await send('PUT', url, handler, { ...facts, reported: [{ partyId: 'not-a-party', advancedRights: true, tenure: null, sanctioned: false }] });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json<ErrorBody>().error.fields?.[0]?.path).toBe('reported.0.partyId');
      expect((await send('PUT', url, reviewer, facts)).statusCode).toBe(403);
      expect((await send('PUT', url, outsider, facts)).statusCode).toBe(404);
      expect(await tableCounts(t)).toEqual(before);
      const saved = await send('PUT', url, handler, facts);
      expect(saved.statusCode).toBe(200);
      const body = saved.json<RoutingResponse>();
      expect(body.recommendation.venue).toBe('functionaries');
      expect(body.recommendation.reasons).toEqual([{ venue: 'functionaries', key: 'routing.why.reported_advanced_rights', params: {} }]);
      expect(body.facts.reported[0]).toMatchObject({ advancedRights: true, tenure: 'long_standing' });
    });
  });

  describe('POST /api/v1/cases/:reference/routing/choice', () => {
    it('walks 401, 400, 403, 404, then records the recommended venue with the rule version', async () => {
      const kase = await makeCase(t, { desk: 'main', category: 'hounding' });
      const url = `/api/v1/cases/${kase.reference}/routing/choice`;
      const before = await tableCounts(t);
      expect((await send('POST', url, null, { venue: 'single_admin' })).statusCode).toBe(401);
      expect((await send('POST', url, handler, { venue: 'Single Admin' })).statusCode).toBe(400);
      expect((await send('POST', url, handler, { venue: 'nowhere', reason: 'x' })).json<ErrorBody>().error.fields?.[0]?.path).toBe('venue');
      expect((await send('POST', url, reviewer, { venue: 'single_admin' })).statusCode).toBe(403);
      expect((await send('POST', url, outsider, { venue: 'single_admin' })).statusCode).toBe(404);
      expect(await tableCounts(t)).toEqual(before);
      const chosen = await send('POST', url, handler, { venue: 'single_admin' });
      expect(chosen.statusCode).toBe(200);
      expect(chosen.json<RoutingResponse>().chosen).toMatchObject({ venue: 'single_admin', reason: null, by: handler.username, ruleVersion: 0, recommendedVenue: 'single_admin' });
      const stored = await findCase(t.ctx.db, { id: kase.id });
      expect(stored?.venue).toBe('single_admin');
      expect(stored?.requiresReview).toBe(false);
    });

    it('needs a reason to override, puts it on the timeline, and marks a review venue for review', async () => {
      const kase = await makeCase(t, { desk: 'main', category: 'hounding' });
      const url = `/api/v1/cases/${kase.reference}/routing/choice`;
      const refused = await send('POST', url, handler, { venue: 'private_review' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<ErrorBody>().error.fields?.[0]?.path).toBe('reason');
      const reason = 'The reported user mentors new editors; several of us should judge this.';
      expect((await send('POST', url, handler, { venue: 'private_review', reason })).statusCode).toBe(200);
      const stored = await findCase(t.ctx.db, { id: kase.id });
      expect(stored).toMatchObject({ venue: 'private_review', requiresReview: true, requiredSignOffs: 2 });
      const timeline = (await send('GET', `/api/v1/cases/${kase.reference}`, handler)).json<CaseBody>().case.timeline;
      expect(timeline.find((e) => e.type === 'venue_chosen')?.detail).toEqual({ venue: 'private_review', recommended: 'single_admin', reason });
      const audit = await listAuditForCase(t.ctx.db, kase.id);
      expect(audit.filter((a) => a.action === 'case.venue_chosen')).toHaveLength(1);
    });

    it('refuses the noticeboard without the target\'s recorded consent, and without the exposure warning', async () => {
      const kase = await makeCase(t, { desk: 'main', category: 'hounding' });
      const url = `/api/v1/cases/${kase.reference}/routing/choice`;
      const before = await tableCounts(t);
      const unacknowledged = await send('POST', url, handler, { venue: 'noticeboard', reason: 'Last resort.' });
      // Consent is checked first: nothing is recorded for this target, so the noticeboard is closed.
      expect(unacknowledged.statusCode).toBe(409);
      expect((await send('POST', url, handler, { venue: 'noticeboard', reason: 'Last resort.', exposureAcknowledged: true })).statusCode).toBe(409);
      expect(await tableCounts(t)).toEqual(before);
      expect((await findCase(t.ctx.db, { id: kase.id }))?.venue).toBeNull();
    });

    it('opens the noticeboard once the target\'s agreement to public steps is on the record, still behind the exposure warning', async () => {
      const kase = await makeCase(t, { desk: 'main', category: 'hounding' });
      const target = await makeParty(t, kase.id, { role: 'target', username: 'Target user' });
      const routing = `/api/v1/cases/${kase.reference}/routing`;
      const wishes = `/api/v1/cases/${kase.reference}/parties/${target.id}/wishes`;
      expect((await send('PUT', wishes, handler, { wantsAction: 'yes', agreesToPublicSteps: false })).statusCode).toBe(200);
      expect((await send('GET', routing, handler)).json<RoutingResponse>().targetAgreesToPublicSteps).toBe(false);
      expect((await send('POST', `${routing}/choice`, handler, { venue: 'noticeboard', reason: 'Last resort.', exposureAcknowledged: true })).statusCode).toBe(409);

      expect((await send('PUT', wishes, handler, { wantsAction: 'yes', agreesToPublicSteps: true })).statusCode).toBe(200);
      expect((await send('GET', routing, handler)).json<RoutingResponse>().targetAgreesToPublicSteps).toBe(true);
      const unwarned = await send('POST', `${routing}/choice`, handler, { venue: 'noticeboard', reason: 'Last resort.' });
      expect(unwarned.statusCode).toBe(400);
      expect(unwarned.json<ErrorBody>().error.fields?.[0]?.path).toBe('exposureAcknowledged');
      const chosen = await send('POST', `${routing}/choice`, handler, { venue: 'noticeboard', reason: 'Last resort.', exposureAcknowledged: true });
      expect(chosen.statusCode).toBe(200);
      expect(chosen.json<RoutingResponse>().chosen).toMatchObject({ venue: 'noticeboard', reason: 'Last resort.' });
      expect((await findCase(t.ctx.db, { id: kase.id }))?.venue).toBe('noticeboard');
    });

    it('keeps the noticeboard closed while a second target has not agreed', async () => {
      const kase = await makeCase(t, { desk: 'main', category: 'hounding' });
      const first = await makeParty(t, kase.id, { role: 'target', username: 'First target' });
      await makeParty(t, kase.id, { role: 'target', username: 'Second target' });
      expect((await send('PUT', `/api/v1/cases/${kase.reference}/parties/${first.id}/wishes`, handler, { wantsAction: 'yes', agreesToPublicSteps: true })).statusCode).toBe(200);
      expect((await send('GET', `/api/v1/cases/${kase.reference}/routing`, handler)).json<RoutingResponse>().targetAgreesToPublicSteps).toBe(false);
      const refused = await send('POST', `/api/v1/cases/${kase.reference}/routing/choice`, handler, { venue: 'noticeboard', reason: 'Last resort.', exposureAcknowledged: true });
      expect(refused.statusCode).toBe(409);
    });
  });

  describe('POST /api/v1/cases/:reference/triage', () => {
    it('walks 401, 400, 403, 404, then changes severity with the reason on the timeline and the clock recomputed', async () => {
      const kase = await makeCase(t, { desk: 'main', category: 'hounding', receivedAt: start });
      const url = `/api/v1/cases/${kase.reference}/triage`;
      const before = await tableCounts(t);
      expect((await send('POST', url, null, { severity: 'high', reason: 'r' })).statusCode).toBe(401);
      expect((await send('POST', url, handler, { reason: 'Nothing to change.' })).statusCode).toBe(400);
      expect((await send('POST', url, handler, { severity: 'high', reason: ' ' })).statusCode).toBe(400);
      expect((await send('POST', url, reviewer, { severity: 'high', reason: 'r' })).statusCode).toBe(403);
      expect((await send('POST', url, outsider, { severity: 'high', reason: 'r' })).statusCode).toBe(404);
      expect(await tableCounts(t)).toEqual(before);
      const reason = 'The reporter says it has spread to three other pages.';
      const triaged = await send('POST', url, handler, { category: 'sexual_harassment', severity: 'high', reason });
      expect(triaged.statusCode).toBe(200);
      const body = triaged.json<CaseBody>().case;
      expect(body).toMatchObject({ category: 'sexual_harassment', severity: 'high' });
      // Intake gives a high case 24 hours from receipt (a normal one 72): written out, not imported.
      expect(body.firstResponseDueAt).toBe(new Date(start.getTime() + 24 * HOUR).toISOString());
      expect((await findCase(t.ctx.db, { id: kase.id }))?.urgentAt.toISOString()).toBe(new Date(start.getTime() + 24 * HOUR).toISOString());
      expect(body.timeline.find((e) => e.type === 'case_triaged')?.detail).toEqual({
        fromCategory: 'hounding', toCategory: 'sexual_harassment', fromSeverity: 'normal', toSeverity: 'high', reason,
      });
      expect((await listAuditForCase(t.ctx.db, kase.id)).map((a) => a.action)).toContain('case.triaged');
    });
  });

  describe('the desk\'s routing rules', () => {
    it('are read by the desk\'s staff, saved by its admins only, as new versions; the next plan follows them', async () => {
      const admin = await signInAs(t, 'admin');
      const url = '/api/v1/desks/main/routing-rules';
      expect((await send('GET', url, null)).statusCode).toBe(401);
      expect((await send('GET', '/api/v1/desks/Main!/routing-rules', handler)).statusCode).toBe(400);
      expect((await send('GET', url, outsider)).statusCode).toBe(404);
      const current = (await send('GET', url, handler)).json<RoutingRulesResponse>();
      expect(current.version).toBe(0);
      const rules = { ...current.rules, fallback: 'private_review' };
      expect((await send('PUT', url, handler, { basedOn: 0, rules })).statusCode).toBe(403);
      const broken = await send('PUT', url, admin, { basedOn: 0, rules: { ...rules, fallback: 'noticeboard' } });
      expect(broken.statusCode).toBe(400);
      expect(broken.json<ErrorBody>().error.fields?.map((f) => f.path)).toContain('rules.fallback');
      const saved = await send('PUT', url, admin, { basedOn: 0, rules });
      expect(saved.statusCode).toBe(200);
      expect(saved.json<RoutingRulesResponse>().version).toBe(1);
      expect((await send('PUT', url, admin, { basedOn: 0, rules })).statusCode).toBe(409);

      const kase = await makeCase(t, { desk: 'main', category: 'hounding' });
      const plan = (await send('GET', `/api/v1/cases/${kase.reference}/routing`, handler)).json<RoutingResponse>();
      expect(plan.ruleVersion).toBe(1);
      expect(plan.recommendation.venue).toBe('private_review');
      await send('POST', `/api/v1/cases/${kase.reference}/routing/choice`, handler, { venue: 'private_review' });
      expect((await send('GET', `/api/v1/cases/${kase.reference}/routing`, handler)).json<RoutingResponse>().chosen?.ruleVersion).toBe(1);
      // Back to the defaults, for the other tests of this file.
      await send('PUT', url, admin, { basedOn: 1, rules: current.rules });
    });
  });

  it('flags a sanctioned reporter for care without changing the plan', async () => {
    const kase = await makeCase(t, { desk: 'main', category: 'hounding' });
    await makeParty(t, kase.id, { role: 'reported', username: 'Other account' });
    const url = `/api/v1/cases/${kase.reference}/routing/facts`;
    const clean = (await send('PUT', url, handler, { ...FACTS, reporter: { advancedRights: false, tenure: 'new', sanctioned: false } })).json<RoutingResponse>();
    const flagged = (await send('PUT', url, handler, { ...FACTS, reporter: { advancedRights: false, tenure: 'new', sanctioned: true } })).json<RoutingResponse>();
    expect(clean.recommendation.care).toBe(false);
    expect(flagged.recommendation.care).toBe(true);
    expect(flagged.recommendation.steps).toEqual(clean.recommendation.steps);
  });
});
