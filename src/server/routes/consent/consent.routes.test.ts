import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport, tableCounts } from '../../../../tests/support/intake.js';
import { auditDetails } from '../../../../tests/support/audit-details.js';
import { makeDesk, makeStaff, signInStaff } from '../../../../tests/support/factories.js';
import { listConsents } from '../../../db/repositories/consent.js';
import { caseConsents } from '../../../services/case-consents.js';
import type { CaseResponse } from '../../../shared/api/cases.js';
import type { ConsentResponse } from '../../../shared/api/consent.js';
import type { IssueAccessResponse } from '../../../shared/api/parties.js';
import { caseId, missingReference } from '../cases/cases.test-helpers.js';

describe.each(testDialects())('consent on %s', (dialect) => {
  let t: TestApp;
  let handler: SignedIn;
  let reviewer: SignedIn;
  let outsider: SignedIn;

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, who: SignedIn | null, payload?: unknown, csrf = true) => t.app.inject({
    method, url,
    headers: who === null ? {} : { cookie: who.cookie, ...(csrf ? { 'x-csrf-token': who.csrfToken } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  async function reporterSession(code: string) {
    const session = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: code } });
    const cookie = session.cookies.find((c) => c.name === 'haven_reporter')!;
    return { cookie: `haven_reporter=${cookie.value}`, csrf: session.json<{ csrfToken: string }>().csrfToken };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    handler = await signInAs(t, 'handler');
    reviewer = await signInAs(t, 'reviewer');
    const other = await makeDesk(t, { slug: 'far', name: 'Far', reporterName: 'Far' });
    outsider = await signInStaff(t, await makeStaff(t, { role: 'handler', desk: other }));
  });
  afterAll(async () => { await t.close(); });

  async function thirdParty() {
    const report = await fileReport(t, { desk: 'main', reporterRole: 'third_party', targetAccount: 'Consenting_Target', reportedAccounts: ['Someone_Else'] });
    const kase = (await call('GET', `/api/v1/cases/${report.reference}`, handler)).json<CaseResponse>().case;
    const byRole = (role: string) => kase.parties.find((p) => p.role === role)!;
    return { report, reporter: byRole('reporter'), target: byRole('target'), reported: byRole('reported') };
  }

  it('staff read and replace a party\'s consent: 401, 400, 404, 403, then 200, on the timeline and audited', async () => {
    const { report, reporter, reported } = await thirdParty();
    const url = (id: string) => `/api/v1/cases/${report.reference}/consent/${id}`;
    const grants = [{ subject: 'identity', audience: 'trust_and_safety' }, { subject: 'private_evidence', audience: 'functionaries' }];
    const before = await tableCounts(t);
    expect((await call('GET', url(reporter.id), null)).statusCode).toBe(401);
    expect((await call('PUT', url(reporter.id), null, { grants })).statusCode).toBe(401);
    expect((await call('PUT', url(reporter.id), handler, { grants }, false)).statusCode).toBe(403);
    for (const bad of [{ grants: [{ subject: 'identity', audience: 'the press' }] }, { grants: [grants[0], grants[0]] }, {}, { grants, note: 'x' }]) {
      expect((await call('PUT', url(reporter.id), handler, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await call('PUT', url(reported.id), handler, { grants })).statusCode).toBe(400);
    expect((await call('PUT', `/api/v1/cases/${await missingReference(t)}/consent/${reporter.id}`, handler, { grants })).statusCode).toBe(404);
    expect((await call('PUT', url(reporter.id), outsider, { grants })).statusCode).toBe(404);
    expect((await call('GET', url(reporter.id), outsider)).statusCode).toBe(404);
    expect((await call('PUT', url('nobody'), handler, { grants })).statusCode).toBe(404);
    expect((await call('PUT', url(reporter.id), reviewer, { grants })).statusCode).toBe(403);
    const after = await tableCounts(t);
    // Refused reads and writes store nothing; only the reads' audit rows may be added.
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });

    const never = await call('GET', url(reporter.id), reviewer);
    expect(never.json<ConsentResponse>().consent).toEqual({ partyId: reporter.id, role: 'reporter', grants: [], recordedAt: null });
    const saved = await call('PUT', url(reporter.id), handler, { grants });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<ConsentResponse>().consent).toEqual({ partyId: reporter.id, role: 'reporter', grants, recordedAt: t.ctx.now().toISOString() });
    expect((await call('GET', url(reporter.id), handler)).json<ConsentResponse>().consent.grants).toEqual(grants);
    // Replaced whole: what is not listed any more is withdrawn.
    await call('PUT', url(reporter.id), handler, { grants: [grants[1]] });
    const id = await caseId(t, report.reference);
    const consents = await caseConsents(t.ctx.db, id);
    expect(consents.mayShare('reporter', 'private_evidence', 'functionaries')).toBe(true);
    expect(consents.mayShare('reporter', 'identity', 'trust_and_safety')).toBe(false);
    expect(consents.mayShare('target', 'private_evidence', 'functionaries')).toBe(false);
    expect(await listConsents(t.ctx.db, id)).toHaveLength(1);
    expect(await auditDetails(t, id, 'case.consent_recorded')).toEqual([
      { partyId: reporter.id, role: 'reporter', by: 'staff', grants: 2 }, { partyId: reporter.id, role: 'reporter', by: 'staff', grants: 1 },
    ]);
  });

  it('lets a reporter and a target each read and set only their own consent over the reporter API', async () => {
    const { report, reporter, target } = await thirdParty();
    const code = (await call('POST', `/api/v1/cases/${report.reference}/parties/${target.id}/access`, handler, { delivery: 'show' })).json<IssueAccessResponse>().accessCode!;
    const asReporter = await reporterSession(report.accessCode);
    const asTarget = await reporterSession(code);
    const put = (s: { cookie: string; csrf: string }, payload: unknown, csrf = true) => t.app.inject({
      method: 'PUT', url: '/api/v1/reporter/consent', headers: { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) }, payload: payload as object,
    });
    const get = (s: { cookie: string }) => t.app.inject({ method: 'GET', url: '/api/v1/reporter/consent', headers: { cookie: s.cookie } });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/reporter/consent' })).statusCode).toBe(401);
    expect((await put(asReporter, { grants: [] }, false)).statusCode).toBe(403);
    expect((await put(asReporter, { grants: [{ subject: 'everything', audience: 'law_enforcement' }] })).statusCode).toBe(400);
    const mine = [{ subject: 'contact', audience: 'law_enforcement' }];
    expect((await put(asTarget, { grants: mine })).statusCode).toBe(200);
    expect((await get(asTarget)).json<ConsentResponse>().consent).toMatchObject({ partyId: target.id, role: 'target', grants: mine });
    expect((await get(asReporter)).json<ConsentResponse>().consent).toEqual({ partyId: reporter.id, role: 'reporter', grants: [], recordedAt: null });
    const id = await caseId(t, report.reference);
    expect(await auditDetails(t, id, 'case.consent_recorded')).toEqual([{ partyId: target.id, role: 'target', by: 'party', grants: 1 }]);
    const staffView = (await call('GET', `/api/v1/cases/${report.reference}`, handler)).json<CaseResponse>().case;
    expect(staffView.timeline.filter((e) => e.type === 'consent_recorded').map((e) => [e.actor.kind, e.detail])).toEqual([['reporter', { partyRole: 'target' }]]);
  });
});
