import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { tableCounts } from '../../../../tests/support/intake.js';
import { makeCase, makeDesk, makeStaff, signInStaff } from '../../../../tests/support/factories.js';
import { listAuditForCase } from '../../../db/repositories/audit-log.js';
import { missingReference, type CaseBody, type ErrorBody } from './cases.test-helpers.js';

// Personal information in evidence: once marked, its address is not in the case answer; showing
// it is a separate, audited request.

describe.each(testDialects())('evidence marked as personal information on %s', (dialect) => {
  let t: TestApp;
  let handler: SignedIn;
  let reviewer: SignedIn;
  let outsider: SignedIn;
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, who: SignedIn | null, payload?: object) => t.app.inject({
    method, url, headers: who === null ? {} : { cookie: who.cookie, 'x-csrf-token': who.csrfToken }, ...(payload === undefined ? {} : { payload }),
  });
  const LINK = 'https://wiki.example.org/w/index.php?diff=1234';

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: new Date('2026-03-02T10:00:00.000Z') });
    handler = await signInAs(t, 'handler');
    reviewer = await signInAs(t, 'reviewer');
    const other = await makeDesk(t, { slug: 'other', name: 'Other desk', reporterName: 'Another community' });
    outsider = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: other }));
  });
  afterAll(async () => { await t.close(); });

  it('marks: 401, 400, 403, 404, then hides the address from the case answer; showing it walks the same and is audited', async () => {
    const kase = await makeCase(t, { desk: 'main', category: 'personal_information', links: [LINK] });
    const before = (await send('GET', `/api/v1/cases/${kase.reference}`, handler)).json<CaseBody>().case;
    const evidenceId = before.evidence[0]?.id ?? '';
    expect(before.evidence[0]).toMatchObject({ url: LINK, personalInformation: false });
    const mark = `/api/v1/cases/${kase.reference}/evidence/${evidenceId}/marking`;
    const counts = await tableCounts(t);
    expect((await send('PUT', mark, null, { personalInformation: true })).statusCode).toBe(401);
    expect((await send('PUT', mark, handler, { personalInformation: 'yes' })).statusCode).toBe(400);
    expect((await send('PUT', mark, reviewer, { personalInformation: true })).statusCode).toBe(403);
    expect((await send('PUT', mark, outsider, { personalInformation: true })).statusCode).toBe(404);
    expect((await send('PUT', `/api/v1/cases/${kase.reference}/evidence/no-such/marking`, handler, { personalInformation: true })).statusCode).toBe(404);
    expect(await tableCounts(t)).toEqual(counts);
    const marked = await send('PUT', mark, handler, { personalInformation: true });
    expect(marked.statusCode).toBe(200);
    expect(marked.json<CaseBody>().case.evidence[0]).toMatchObject({ id: evidenceId, url: null, personalInformation: true });
    expect(marked.body).not.toContain('diff=1234');

    const reveal = `/api/v1/cases/${kase.reference}/evidence/${evidenceId}/reveal`;
    expect((await send('POST', reveal, null)).statusCode).toBe(401);
    expect((await send('POST', '/api/v1/cases/HV-1/evidence/x/reveal', handler)).statusCode).toBe(400);
    const hidden = await send('POST', reveal, outsider);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json<ErrorBody>()).toEqual((await send('POST', `/api/v1/cases/${await missingReference(t)}/evidence/${evidenceId}/reveal`, outsider)).json<ErrorBody>());
    const shown = await send('POST', reveal, reviewer);
    expect(shown.statusCode).toBe(200);
    expect(shown.json<{ url: string }>().url).toBe(LINK);
    const audit = (await listAuditForCase(t.ctx.db, kase.id)).filter((a) => a.action === 'case.personal_information_shown');
    expect(audit.map((a) => a.actorId)).toEqual([reviewer.userId]);
  });
});
