import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { grantRole, makeCase, makeDesk, makeStaff, signInStaff, type MadeCase, type MadeDesk } from '../../../../tests/support/factories.js';
import { listParties } from '../../../db/repositories/case-parts.js';
import type { CaseCounts } from '../../../shared/api/reporting.js';
import { missingReference, type CaseBody, type ErrorBody, type QueueBody } from './cases.test-helpers.js';

// The access matrix across desks: a handler and an admin of another desk are outsiders to the
// cases of a desk where they hold no role. Every case route answers them exactly as for a case
// that does not exist, and the queue, search and counts show them nothing of it.

interface OpenApiDocument { paths: Record<string, Record<string, unknown>> }

/** Every case route, with a request that passes validation, so only access can refuse it. */
const FACTS = { ongoing: true, subtle: false, personalInformation: false, privateEvidence: false, offSiteEvidence: false, reporter: null, reported: [] };
const MERGE = { into: 'HV-2026-999999', reason: 'The same report, sent twice.' };
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const CASE_ROUTES: Record<string, (partyId: string) => { method: Method; suffix: string; payload?: object }> = {
  'GET /api/v1/cases/{reference}': () => ({ method: 'GET', suffix: '' }),
  'POST /api/v1/cases/{reference}/assign': () => ({ method: 'POST', suffix: '/assign', payload: {} }),
  'POST /api/v1/cases/{reference}/status': () => ({ method: 'POST', suffix: '/status', payload: { to: 'acknowledged' } }),
  'POST /api/v1/cases/{reference}/notes': () => ({ method: 'POST', suffix: '/notes', payload: { body: 'A note.' } }),
  'POST /api/v1/cases/{reference}/reopen': () => ({ method: 'POST', suffix: '/reopen', payload: { reason: 'New information.' } }),
  'POST /api/v1/cases/{reference}/withdrawal/decision': () => ({ method: 'POST', suffix: '/withdrawal/decision', payload: { decision: 'continue', message: 'We go on.' } }),
  'POST /api/v1/cases/{reference}/replies': (partyId) => ({ method: 'POST', suffix: '/replies', payload: { partyId, body: 'We are looking into it.' } }),
  'POST /api/v1/cases/{reference}/close': (partyId) => ({
    method: 'POST', suffix: '/close',
    payload: { outcome: 'withdrawn', closingRecord: { summary: 'About.', findings: 'Found.' }, messages: [{ partyId, body: 'Closed.' }] },
  }),
  'GET /api/v1/cases/{reference}/routing': () => ({ method: 'GET', suffix: '/routing' }),
  'PUT /api/v1/cases/{reference}/routing/facts': () => ({ method: 'PUT', suffix: '/routing/facts', payload: FACTS }),
  'POST /api/v1/cases/{reference}/routing/choice': () => ({ method: 'POST', suffix: '/routing/choice', payload: { venue: 'private_review', reason: 'Subtle.' } }),
  'POST /api/v1/cases/{reference}/triage': () => ({ method: 'POST', suffix: '/triage', payload: { severity: 'high', reason: 'Worse than it looked.' } }),
  'GET /api/v1/cases/{reference}/review': () => ({ method: 'GET', suffix: '/review' }),
  'POST /api/v1/cases/{reference}/review/mark': () => ({ method: 'POST', suffix: '/review/mark', payload: { reason: 'Needs more eyes.' } }),
  'POST /api/v1/cases/{reference}/review/start': () => ({ method: 'POST', suffix: '/review/start' }),
  'POST /api/v1/cases/{reference}/review/notes': () => ({ method: 'POST', suffix: '/review/notes', payload: { body: 'I agree.' } }),
  'PUT /api/v1/cases/{reference}/evidence/{evidenceId}/marking': () => ({ method: 'PUT', suffix: '/evidence/e-1/marking', payload: { personalInformation: true } }),
  'POST /api/v1/cases/{reference}/evidence/{evidenceId}/reveal': () => ({ method: 'POST', suffix: '/evidence/e-1/reveal' }),
  'POST /api/v1/cases/{reference}/sign-offs': () => ({ method: 'POST', suffix: '/sign-offs', payload: { decision: 'approve', comment: 'Fair.' } }),
  'GET /api/v1/cases/{reference}/alert': () => ({ method: 'GET', suffix: '/alert' }),
  'POST /api/v1/cases/{reference}/alert/acknowledge': () => ({ method: 'POST', suffix: '/alert/acknowledge', payload: {} }),
  'POST /api/v1/cases/{reference}/alert/forward': () => ({ method: 'POST', suffix: '/alert/forward', payload: {} }),
  'GET /api/v1/cases/{reference}/parties': () => ({ method: 'GET', suffix: '/parties' }),
  'POST /api/v1/cases/{reference}/parties': () => ({ method: 'POST', suffix: '/parties', payload: { role: 'witness', accountName: 'Someone' } }),
  'PATCH /api/v1/cases/{reference}/parties/{partyId}': (partyId) => ({ method: 'PATCH', suffix: `/parties/${partyId}`, payload: { displayName: 'A name' } }),
  'DELETE /api/v1/cases/{reference}/parties/{partyId}': (partyId) => ({ method: 'DELETE', suffix: `/parties/${partyId}` }),
  'POST /api/v1/cases/{reference}/parties/{partyId}/access': (partyId) => ({ method: 'POST', suffix: `/parties/${partyId}/access`, payload: { delivery: 'show' } }),
  'PUT /api/v1/cases/{reference}/parties/{partyId}/wishes': (partyId) => ({ method: 'PUT', suffix: `/parties/${partyId}/wishes`, payload: { wantsAction: 'yes', agreesToPublicSteps: null } }),
  'GET /api/v1/cases/{reference}/consent/{partyId}': (partyId) => ({ method: 'GET', suffix: `/consent/${partyId}` }),
  'PUT /api/v1/cases/{reference}/consent/{partyId}': (partyId) => ({ method: 'PUT', suffix: `/consent/${partyId}`, payload: { grants: [] } }),
  'POST /api/v1/cases/{reference}/restriction': () => ({ method: 'POST', suffix: '/restriction', payload: { group: null } }),
  'POST /api/v1/cases/{reference}/recusal': () => ({ method: 'POST', suffix: '/recusal', payload: {} }),
  'GET /api/v1/cases/{reference}/audit': () => ({ method: 'GET', suffix: '/audit' }),
  'GET /api/v1/cases/{reference}/files/{fileId}': () => ({ method: 'GET', suffix: '/files/00000000-0000-4000-8000-000000000000' }),
  'GET /api/v1/cases/{reference}/referral': () => ({ method: 'GET', suffix: '/referral' }),
  'POST /api/v1/cases/{reference}/referral': () => ({ method: 'POST', suffix: '/referral', payload: { summary: 'What the venue needs to know.' } }),
  'POST /api/v1/cases/{reference}/referral/answer': () => ({ method: 'POST', suffix: '/referral/answer', payload: { answer: 'They took it.' } }),
  'POST /api/v1/cases/{reference}/referral/take-back': () => ({ method: 'POST', suffix: '/referral/take-back', payload: { reason: 'We will do it.' } }),
  'POST /api/v1/cases/{reference}/merge': () => ({ method: 'POST', suffix: '/merge', payload: MERGE }),
};

describe.each(testDialects())('cases on a desk where the actor holds no role, on %s', (dialect) => {
  let t: TestApp;
  let other: MadeDesk;
  let onMain: MadeCase;
  let onOther: MadeCase;
  const actors: Record<string, SignedIn> = {};

  const as = (who: SignedIn, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken }, ...(payload === undefined ? {} : { payload }) });
  const queue = async (who: SignedIn, query = '') => (await as(who, 'GET', `/api/v1/cases?limit=100${query}`)).json<QueueBody>().cases;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    other = await makeDesk(t, { slug: 'other', name: 'Other desk', reporterName: 'The other community' });
    // The same words on both desks, so a search that forgot the desk would find both.
    onMain = await makeCase(t, { desk: 'main', description: 'Repeated heron remarks on the main desk.', category: 'hate' });
    await makeCase(t, { desk: 'main', description: 'A closed heron case of the main desk.', category: 'hate', status: 'closed' });
    onOther = await makeCase(t, { desk: other, description: 'Repeated heron remarks on the other desk.', category: 'hate' });
    for (const [name, role, desk] of [['handler of main', 'handler', 'main'], ['handler of another desk', 'handler', other],
      ['admin of another desk', 'admin', other]] as const) {
      actors[name] = await signInStaff(t, await makeStaff(t, { role, desk }));
    }
    const both = await makeStaff(t, { role: 'admin', desk: 'main' });
    await grantRole(t, both, other, 'handler');
    actors['on both desks'] = await signInStaff(t, both);
  });
  afterAll(async () => { await t.close(); });

  it('checks every case route the API has', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApiDocument>();
    const routes = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/v1/cases/{reference}'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(Object.keys(CASE_ROUTES).sort());
  });

  it.each(['handler of another desk', 'admin of another desk'])('answers the %s 404 on every case route, as for a case that does not exist', async (name) => {
    const who = actors[name]!;
    const partyId = (await listParties(t.ctx.db, onMain.id)).find((p) => p.role === 'reporter')?.id ?? '';
    const missing = await missingReference(t);
    for (const [route, request] of Object.entries(CASE_ROUTES)) {
      const { method, suffix, payload } = request(partyId);
      const refused = await as(who, method, `/api/v1/cases/${onMain.reference}${suffix}`, payload);
      const absent = await as(who, method, `/api/v1/cases/${missing}${suffix}`, payload);
      expect(refused.statusCode, route).toBe(404);
      expect(refused.json<ErrorBody>(), route).toEqual(absent.json<ErrorBody>());
    }
    // Nothing was done on their behalf: the case is still free and unanswered.
    const seen = (await as(actors['handler of main']!, 'GET', `/api/v1/cases/${onMain.reference}`)).json<CaseBody>().case;
    expect(seen.assignee).toBeNull();
    expect(seen.messages).toEqual([]);
  });

  it.each(['handler of another desk', 'admin of another desk'])('shows the %s nothing of the desk in the queue, its filters or a search', async (name) => {
    const who = actors[name]!;
    for (const query of ['', '&status=closed', '&category=hate', '&q=heron', '&q=heron&status=closed']) {
      const seen = await queue(who, query);
      expect(seen.every((c) => c.desk.slug === 'other'), query).toBe(true);
      if (!query.includes('closed')) expect(seen.map((c) => c.reference), query).toEqual([onOther.reference]);
    }
    const named = await as(who, 'GET', '/api/v1/cases?desk=main');
    const unknown = await as(who, 'GET', '/api/v1/cases?desk=no-such-desk');
    expect(named.statusCode).toBe(400);
    expect(named.json<ErrorBody>().error.fields?.map((f) => f.path)).toEqual(['desk']);
    expect(named.json<ErrorBody>()).toEqual(unknown.json<ErrorBody>());
  });

  it('counts only the cases of the desks where the reader holds a role', async () => {
    const total = async (who: SignedIn) => (await as(who, 'GET', '/api/v1/reporting/counts')).json<CaseCounts>().totals.all;
    expect(await total(actors['handler of another desk']!)).toBe(1);
    expect(await total(actors['admin of another desk']!)).toBe(1);
    expect(await total(actors['handler of main']!)).toBe(2);
    expect(await total(actors['on both desks']!)).toBe(3);
  });

  it('shows someone on both desks every case, naming its desk, and narrows to one with ?desk=', async () => {
    const who = actors['on both desks']!;
    const all = await queue(who, '&q=heron');
    expect(all.map((c) => [c.reference, c.desk]).sort()).toEqual([
      [onMain.reference, { slug: 'main', name: 'Haven' }], [onOther.reference, { slug: 'other', name: 'Other desk' }],
    ].sort());
    expect((await queue(who, '&desk=other')).map((c) => c.reference)).toEqual([onOther.reference]);
    expect((await queue(who, '&desk=main&status=closed')).every((c) => c.desk.slug === 'main')).toBe(true);
    const view = await as(who, 'GET', `/api/v1/cases/${onOther.reference}`);
    expect(view.json<CaseBody>().case.desk).toEqual({ slug: 'other', name: 'Other desk' });
  });

  it('decides what a case allows by the role on its own desk', async () => {
    // Admin of main, handler of other: both may take cases, each by their own role there.
    const who = actors['on both desks']!;
    expect((await as(who, 'POST', `/api/v1/cases/${onOther.reference}/assign`, {})).statusCode).toBe(200);
    const reviewer = await makeStaff(t, { role: 'reviewer', desk: other });
    await grantRole(t, reviewer, 'main', 'handler');
    const signedIn = await signInStaff(t, reviewer);
    expect((await as(signedIn, 'POST', `/api/v1/cases/${onOther.reference}/assign`, { takeOver: true })).statusCode).toBe(403);
    expect((await as(signedIn, 'POST', `/api/v1/cases/${onMain.reference}/assign`, {})).statusCode).toBe(200);
  });
});
