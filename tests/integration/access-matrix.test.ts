import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../support/test-app.js';
import { fileReport, type FiledReport } from '../support/intake.js';
import { makeStaff } from '../support/factories.js';
import { findCase } from '../../src/db/repositories/cases.js';
import { listParties } from '../../src/db/repositories/case-parts.js';
import { insertRecusals } from '../../src/db/repositories/recusals.js';
import { escalationGroupOf } from '../../src/db/repositories/staff-groups.js';

// Every route Fastify registered (read from its onRoute hook, never from a list kept here) is
// called by every actor, and the answer's status is checked against the table below. A route
// the table does not name fails the test, so a new route cannot ship without someone deciding
// who may reach it.
//
// The request each actor sends is the same: path parameters filled with a real case of the
// actor's desk, its reporter party, its first evidence, the desk's slug and a bystander staff
// account; `{}` as the body of a write. So for staff a 400 means "let through to validation":
// authenticated and not refused before the body is read. Refusals that depend on the body are
// proven by each route's own tests; this table proves that no route is open by mistake.

type Actor = 'anonymous' | 'reporter' | 'handler' | 'reviewer' | 'escalation' | 'admin';
const ACTORS: readonly Actor[] = ['anonymous', 'reporter', 'handler', 'reviewer', 'escalation', 'admin'];
// Two more actors are derived from the handler's column rather than written out: a handler
// recused from the case, and a handler outside the group a case is restricted to. On every
// route about a case they must read what a case that never existed reads (404), except where
// the handler's answer is a 400 that comes before the case is looked up; on every other route
// they read what the handler reads.
type Excluded = 'recused' | 'outsider';
const EXCLUDED: readonly Excluded[] = ['recused', 'outsider'];

/** Expected status per actor, in the order of ACTORS. */
type Row = readonly [anonymous: number, reporter: number, handler: number, reviewer: number, escalation: number, admin: number];

// The console's shell is served when the client is built (npm run build:client), else 503;
// its assets route exists only then.
const CONSOLE_BUILT = existsSync(path.resolve(import.meta.dirname, '../../dist/client/index.html'));
const SHELL = CONSOLE_BUILT ? 200 : 503;

// Public pages answer everyone; staff API routes answer 401 to anyone without a staff session.
const MATRIX: Readonly<Record<string, Row>> = {
  // Public, server-rendered reporter pages and the console shell.
  'GET /': [200, 200, 200, 200, 200, 200],
  'GET /report': [200, 200, 200, 200, 200, 200],
  'POST /report': [400, 400, 400, 400, 400, 400],
  'GET /report/receipt': [404, 404, 404, 404, 404, 404],
  'GET /status': [200, 200, 200, 200, 200, 200],
  'POST /status': [401, 401, 401, 401, 401, 401],
  'POST /status/updates': [401, 403, 401, 401, 401, 401],
  'GET /status/withdraw': [401, 200, 401, 401, 401, 401],
  'POST /status/withdraw': [401, 403, 401, 401, 401, 401],
  'POST /status/messages/resume': [401, 403, 401, 401, 401, 401],
  'POST /status/consent': [401, 403, 401, 401, 401, 401],
  'POST /status/not-handled-by': [401, 403, 401, 401, 401, 401],
  'POST /status/sign-out': [303, 303, 303, 303, 303, 303],
  'GET /status/lost': [200, 200, 200, 200, 200, 200],
  'POST /status/lost': [400, 400, 400, 400, 400, 400],
  'GET /status/link': [404, 404, 404, 404, 404, 404],
  'POST /status/link': [401, 401, 401, 401, 401, 401],
  'GET /emergency/confirm': [404, 404, 404, 404, 404, 404],
  'POST /emergency/confirm': [404, 404, 404, 404, 404, 404],
  'GET /training': [200, 200, 200, 200, 200, 200],
  'GET /training/:module': [404, 404, 404, 404, 404, 404],
  'GET /training/:module/:section': [404, 404, 404, 404, 404, 404],
  'POST /training/:module/:section/answers': [404, 404, 404, 404, 404, 404],
  'GET /desk': [308, 308, 308, 308, 308, 308],
  'GET /desk/*': [SHELL, SHELL, SHELL, SHELL, SHELL, SHELL],
  ...(CONSOLE_BUILT ? { 'GET /desk/assets/*': [404, 404, 404, 404, 404, 404] as const } : {}),
  'GET /assets/*': [404, 404, 404, 404, 404, 404],
  'GET /healthz': [200, 200, 200, 200, 200, 200],
  'GET /api/openapi.json': [200, 200, 200, 200, 200, 200],
  // Intake and the reporter's own API: anyone may file; the case is the code holder's only.
  'POST /api/v1/reports': [400, 400, 400, 400, 400, 400],
  'POST /api/v1/reporter/session': [400, 400, 400, 400, 400, 400],
  'GET /api/v1/reporter/case': [401, 200, 401, 401, 401, 401],
  'POST /api/v1/reporter/case/updates': [401, 400, 401, 401, 401, 401],
  'GET /api/v1/reporter/consent': [401, 200, 401, 401, 401, 401],
  'PUT /api/v1/reporter/consent': [401, 400, 401, 401, 401, 401],
  // Staff sessions.
  'POST /api/v1/session': [400, 400, 400, 400, 400, 400],
  'POST /api/v1/session/invitation': [400, 400, 400, 400, 400, 400],
  'GET /api/v1/session': [401, 401, 200, 200, 200, 200],
  'DELETE /api/v1/session': [401, 401, 204, 204, 204, 204],
  'POST /api/v1/session/second-factor': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/session/totp': [401, 401, 200, 200, 200, 409],
  'POST /api/v1/session/totp/confirm': [401, 401, 400, 400, 400, 400],
  'GET /api/v1/session/accounts': [401, 401, 200, 200, 200, 200],
  'POST /api/v1/session/accounts': [401, 401, 400, 400, 400, 400],
  'DELETE /api/v1/session/accounts/:name': [401, 401, 404, 404, 404, 404],
  // The queue and a case of the actor's desk.
  'GET /api/v1/cases': [401, 401, 200, 200, 200, 200],
  'GET /api/v1/cases/:reference': [401, 401, 200, 200, 200, 200],
  'POST /api/v1/cases/:reference/assign': [401, 401, 200, 403, 409, 409],
  'POST /api/v1/cases/:reference/close': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/replies': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/status': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/notes': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/reopen': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/withdrawal/decision': [401, 401, 400, 400, 400, 400],
  'PUT /api/v1/cases/:reference/evidence/:evidenceId/marking': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/evidence/:evidenceId/reveal': [401, 401, 200, 200, 200, 200],
  'GET /api/v1/cases/:reference/parties': [401, 401, 200, 200, 200, 200],
  'POST /api/v1/cases/:reference/parties': [401, 401, 400, 400, 400, 400],
  'PATCH /api/v1/cases/:reference/parties/:partyId': [401, 401, 400, 400, 400, 400],
  'DELETE /api/v1/cases/:reference/parties/:partyId': [401, 401, 409, 403, 409, 409],
  'POST /api/v1/cases/:reference/parties/:partyId/access': [401, 401, 400, 400, 400, 400],
  'PUT /api/v1/cases/:reference/parties/:partyId/wishes': [401, 401, 400, 400, 400, 400],
  'GET /api/v1/cases/:reference/consent/:partyId': [401, 401, 200, 200, 200, 200],
  'PUT /api/v1/cases/:reference/consent/:partyId': [401, 401, 400, 400, 400, 400],
  'GET /api/v1/cases/:reference/routing': [401, 401, 200, 200, 200, 200],
  'PUT /api/v1/cases/:reference/routing/facts': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/routing/choice': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/triage': [401, 401, 400, 400, 400, 400],
  'GET /api/v1/cases/:reference/review': [401, 401, 200, 200, 200, 200],
  'POST /api/v1/cases/:reference/review/mark': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/review/start': [401, 401, 409, 403, 409, 409],
  'POST /api/v1/cases/:reference/sign-offs': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/review/notes': [401, 401, 400, 400, 400, 400],
  'GET /api/v1/cases/:reference/alert': [401, 401, 200, 200, 200, 200],
  'POST /api/v1/cases/:reference/alert/acknowledge': [401, 401, 409, 403, 409, 409],
  'POST /api/v1/cases/:reference/alert/forward': [401, 401, 409, 403, 409, 409],
  'GET /api/v1/cases/:reference/audit': [401, 401, 403, 403, 403, 200],
  'GET /api/v1/cases/:reference/files/:fileId': [401, 401, 404, 404, 404, 404],
  'POST /api/v1/cases/:reference/merge': [401, 401, 400, 400, 400, 400],
  'GET /api/v1/cases/:reference/referral': [401, 401, 200, 200, 200, 200],
  'POST /api/v1/cases/:reference/referral': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/referral/answer': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/referral/take-back': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/restriction': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/cases/:reference/recusal': [401, 401, 200, 200, 200, 200],
  // Desk-wide views and settings: any role reads, admins change.
  'GET /api/v1/alarms': [401, 401, 200, 200, 200, 200],
  'GET /api/v1/duty': [401, 401, 200, 200, 200, 200],
  'PUT /api/v1/duty/:desk': [401, 401, 400, 400, 400, 400],
  'GET /api/v1/desks/:desk/emergency-settings': [401, 401, 403, 403, 403, 200],
  'PUT /api/v1/desks/:desk/emergency-settings': [401, 401, 400, 400, 400, 400],
  'GET /api/v1/desks/:slug/routing-rules': [401, 401, 200, 200, 200, 200],
  'GET /api/v1/desks/:slug/venue-addresses': [401, 401, 403, 403, 403, 200],
  'PUT /api/v1/desks/:slug/venue-addresses/:venue': [401, 401, 400, 400, 400, 400],
  'GET /api/v1/groups': [401, 401, 200, 200, 200, 200],
  'POST /api/v1/groups': [401, 401, 400, 400, 400, 400],
  'PATCH /api/v1/groups/:id': [401, 401, 400, 400, 400, 400],
  'DELETE /api/v1/groups/:id': [401, 401, 404, 404, 404, 404],
  'POST /api/v1/groups/:id/members': [401, 401, 400, 400, 400, 400],
  'DELETE /api/v1/groups/:id/members/:staffId': [401, 401, 404, 404, 404, 404],
  'PUT /api/v1/desks/:slug/routing-rules': [401, 401, 400, 400, 400, 400],
  'PUT /api/v1/desks/:slug/second-factor': [401, 401, 400, 400, 400, 400],
  'GET /api/v1/reporting/counts': [401, 401, 200, 200, 200, 200],
  'GET /api/v1/reporting/responsiveness': [401, 401, 200, 200, 200, 200],
  'GET /api/v1/templates': [401, 401, 200, 200, 200, 200],
  'POST /api/v1/templates': [401, 401, 400, 400, 400, 400],
  'PATCH /api/v1/templates/:id': [401, 401, 400, 400, 400, 400],
  'POST /api/v1/templates/:id/retire': [401, 401, 404, 404, 404, 404],
  'GET /api/v1/training/progress': [401, 401, 403, 403, 403, 200],
  'PUT /api/v1/training/requirements/:desk/:module': [401, 401, 400, 400, 400, 400],
  // Staff administration and the audit trail: admins only.
  'GET /api/v1/staff': [401, 401, 403, 403, 403, 200],
  'POST /api/v1/staff/invitations': [401, 401, 400, 400, 400, 400],
  'PUT /api/v1/staff/:id/desks/:slug': [401, 401, 400, 400, 400, 400],
  'DELETE /api/v1/staff/:id/second-factor': [401, 401, 403, 403, 403, 204],
  'PUT /api/v1/staff/:id/active': [401, 401, 400, 400, 400, 400],
  'GET /api/v1/audit/staff/:id': [401, 401, 403, 403, 403, 200],
};

const SIGN_OUTS = ['DELETE /api/v1/session', 'POST /status/sign-out'];
const RECUSAL = 'POST /api/v1/cases/:reference/recusal';

/** Routes Fastify adds by itself for every GET (HEAD), answered like their GET. */
function routeKey(route: { method: string; url: string }): string | null {
  if (route.method === 'HEAD') return null;
  return `${route.method} ${route.url}`;
}

describe.each(testDialects())('the access matrix on %s', (dialect) => {
  let t: TestApp;
  let report: FiledReport;
  let reporter: { cookie: string; csrfToken: string };
  const staff = new Map<Actor | Excluded, SignedIn>();
  let params: Record<string, string>;
  /** The case each excluded actor is kept from, as path parameters over `params`. */
  const excludedParams = new Map<Excluded, Record<string, string>>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    report = await fileReport(t);
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: report.accessCode } });
    const cookie = opened.cookies.find((c) => c.name === 'haven_reporter');
    if (cookie === undefined) throw new Error('no reporter cookie');
    reporter = { cookie: `haven_reporter=${cookie.value}`, csrfToken: opened.json<{ csrfToken: string }>().csrfToken };
    for (const role of ['handler', 'reviewer', 'escalation', 'admin'] as const) staff.set(role, await signInAs(t, role));
    const kase = await findCase(t.ctx.db, { reference: report.reference });
    if (kase === null) throw new Error('no case');
    const party = (await listParties(t.ctx.db, kase.id)).find((p) => p.role === 'reporter');
    const evidence = await t.ctx.db.selectFrom('evidence').select('id').where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    const bystander = await makeStaff(t, { role: 'handler', username: 'bystander' });
    const desk = await t.ctx.db.selectFrom('desks').select('slug').where('id', '=', kase.deskId).executeTakeFirstOrThrow();
    params = {
      reference: report.reference, partyId: party?.id ?? randomUUID(), evidenceId: evidence.id, desk: desk.slug, slug: desk.slug,
      id: bystander.id, staffId: bystander.id, fileId: randomUUID(), venue: 'trust_and_safety', name: 'not-linked-account', module: 'no-such-module', section: 'no-such-section', '*': 'missing.txt',
    };
    // A case the 'recused' handler is recused from, and one restricted to the escalation group, which the 'outsider' handler is not in.
    for (const who of EXCLUDED) {
      const own = await fileReport(t);
      const ownCase = await findCase(t.ctx.db, { reference: own.reference });
      if (ownCase === null) throw new Error('no case');
      const session = await signInAs(t, 'handler');
      staff.set(who, session);
      if (who === 'recused') {
        await insertRecusals(t.ctx.db, { caseId: ownCase.id, userIds: [session.userId], source: 'self', now: new Date() });
      } else {
        const group = await escalationGroupOf(t.ctx.db, ownCase.deskId);
        await t.ctx.db.updateTable('cases').set({ restricted_to_group: group }).where('id', '=', ownCase.id).execute();
      }
      const ownParty = (await listParties(t.ctx.db, ownCase.id)).find((p) => p.role === 'reporter');
      const ownEvidence = await t.ctx.db.selectFrom('evidence').select('id').where('case_id', '=', ownCase.id).executeTakeFirstOrThrow();
      excludedParams.set(who, { reference: own.reference, partyId: ownParty?.id ?? randomUUID(), evidenceId: ownEvidence.id });
    }
  });

  afterAll(async () => { await t.close(); });

  function fill(url: string, over: Record<string, string> = {}): string {
    return url.replace(/:([A-Za-z]+)|\*/g, (whole, name: string | undefined) => {
      const value = over[name ?? '*'] ?? params[name ?? '*'];
      if (value === undefined) throw new Error(`no value for the parameter ${whole} of ${url}`);
      return encodeURIComponent(value).replace(/%2F/g, '/');
    });
  }

  async function statusFor(actor: Actor | Excluded, method: string, url: string): Promise<number> {
    const headers: Record<string, string> = {};
    if (actor === 'reporter') Object.assign(headers, { cookie: reporter.cookie, 'x-csrf-token': reporter.csrfToken });
    const session = staff.get(actor);
    if (session !== undefined) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrfToken });
    const write = method !== 'GET' && method !== 'DELETE';
    const over = actor === 'recused' || actor === 'outsider' ? excludedParams.get(actor) : undefined;
    const response = await t.app.inject({ method: method as 'GET', url: fill(url, over), headers, ...(write ? { payload: {} } : {}) });
    return response.statusCode;
  }

  it('names every registered route in the table, and nothing that is not registered', () => {
    const registered = new Set(t.routes.map(routeKey).filter((k): k is string => k !== null));
    expect([...registered].filter((k) => MATRIX[k] === undefined), 'routes without a row in the access matrix').toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !registered.has(k)), 'rows for routes that are not registered').toEqual([]);
  });

  it('answers every actor on every route as the table says', async () => {
    const differences: string[] = [];
    // Signing out ends the session the later rows need, so those rows go last.
    // Recusing oneself hides the case from the one who did, so that row comes after every other case row.
  const last = (key: string) => (SIGN_OUTS.includes(key) ? 2 : key === RECUSAL ? 1 : 0);
    const keys = Object.keys(MATRIX).sort((a, b) => last(a) - last(b));
    for (const key of keys) {
      const [method = '', url = ''] = key.split(' ');
      const row = MATRIX[key] ?? [];
      for (const [i, actor] of ACTORS.entries()) {
        const status = await statusFor(actor, method, url);
        if (status !== row[i]) differences.push(`${key} as ${actor}: ${status}, table says ${String(row[i])}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('answers a recused handler and a handler outside the group as if the case did not exist', async () => {
    const differences: string[] = [];
    const last = (key: string) => Number(SIGN_OUTS.includes(key));
    const keys = Object.keys(MATRIX).sort((a, b) => last(a) - last(b));
    for (const key of keys) {
      const [method = '', url = ''] = key.split(' ');
      const handler = MATRIX[key]?.[ACTORS.indexOf('handler')];
      const expected = url.includes(':reference') && handler !== 400 ? 404 : handler;
      for (const actor of EXCLUDED) {
        const status = await statusFor(actor, method, url);
        if (status !== expected) differences.push(`${key} as ${actor}: ${status}, expected ${String(expected)}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('leaves the case out of the queue of a recused handler and of a handler outside the group', async () => {
    for (const actor of EXCLUDED) {
      const session = await signInAs(t, 'handler');
      const own = await fileReport(t);
      const ownCase = await findCase(t.ctx.db, { reference: own.reference });
      if (ownCase === null) throw new Error('no case');
      if (actor === 'recused') await insertRecusals(t.ctx.db, { caseId: ownCase.id, userIds: [session.userId], source: 'self', now: new Date() });
      else await t.ctx.db.updateTable('cases').set({ restricted_to_group: await escalationGroupOf(t.ctx.db, ownCase.deskId) }).where('id', '=', ownCase.id).execute();
      const queue = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=100', headers: { cookie: session.cookie } });
      expect(queue.statusCode).toBe(200);
      const references = queue.json<{ cases: { reference: string }[] }>().cases.map((c) => c.reference);
      expect(references).toContain(report.reference);
      expect(references, actor).not.toContain(own.reference);
    }
  });
});
