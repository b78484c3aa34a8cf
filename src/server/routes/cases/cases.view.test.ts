import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport, tableCounts } from '../../../../tests/support/intake.js';
import { makeCase } from '../../../../tests/support/factories.js';
import { listAuditForCase } from '../../../db/repositories/audit-log.js';
import { assignCase, caseId, missingReference as nextMissingReference, viewCase, type CaseBody, type ErrorBody, type QueueBody } from './cases.test-helpers.js';

describe.each(testDialects())('case routes on %s', (dialect) => {
  const start = new Date('2026-03-02T10:00:00.000Z');

  describe('GET /api/v1/cases/:reference', () => {
    let t: TestApp;
    let handler: SignedIn;
    const contactEmail = 'very-private-reporter@example.org';

    const view = (reference: string, who: SignedIn | null = handler) => viewCase(t, reference, who);
    const assign = (reference: string, who: SignedIn | null, csrf: boolean, payload?: object) => assignCase(t, reference, who, csrf, payload);
    const missingReference = () => nextMissingReference(t);

    beforeAll(async () => {
      t = await createTestApp(dialect, { now: start });
      handler = await signInAs(t, 'handler');
    });
    afterAll(async () => { await t.close(); });

    it('walks 401, 400, 404 and then shows the case', async () => {
      const report = await fileReport(t, {
        reporterRole: 'third_party', targetAccount: 'Targeted-person', contactEmail,
        reportedAccounts: ['Loud-account', 'Quiet-account'],
        links: ['https://wiki.example.org/w/index.php?diff=77', 'https://forum.example.net/t/9'],
      });
      expect((await view(report.reference, null)).statusCode).toBe(401);

      for (const bad of ['HV-1', 'hv-2026-000001', 'HV-2026-1', 'HV-2026-0000001', '..%2Fetc']) {
        const response = await view(bad);
        expect(response.statusCode, bad).toBe(400);
        expect(response.json<ErrorBody>().error.fields?.map((f) => f.path)).toContain('reference');
      }

      const missing = await view(await missingReference());
      expect(missing.statusCode).toBe(404);
      expect(missing.json<ErrorBody>().error.code).toBe('not_found');

      const response = await view(report.reference);
      expect(response.statusCode).toBe(200);
      const { case: kase } = response.json<CaseBody>();
      expect(kase.reference).toBe(report.reference);
      expect(kase.reportText).toBe(report.input.description);
      expect(kase.category).toBe(report.input.category);
      expect(kase.hasContactEmail).toBe(true);
      expect(kase.parties.filter((p) => p.role === 'reported').map((p) => p.username)).toEqual(report.input.reportedAccounts);
      expect(kase.parties.filter((p) => p.role === 'target').map((p) => p.username)).toEqual([report.input.targetAccount]);
      expect(kase.parties.filter((p) => p.role === 'reporter')).toHaveLength(1);
      expect(kase.evidence.map((e) => e.url)).toEqual(report.input.links);
      expect(kase.evidence.every((e) => e.kind === 'link')).toBe(true);
      expect(kase.timeline.map((e) => e.type)).toEqual(['report_received']);
      expect(kase.timeline[0]?.at).toBe(t.ctx.now().toISOString());
      // The address is only ever known to the mail job, never to the handler's screen.
      expect(response.body).not.toContain(contactEmail);
      expect(response.body).not.toContain('contact_email');
    });

    it('writes a case.viewed audit row for every view, naming the viewer', async () => {
      const report = await fileReport(t);
      const id = await caseId(t, report.reference);
      const before = (await listAuditForCase(t.ctx.db, id)).filter((a) => a.action === 'case.viewed');
      await view(report.reference);
      await view(report.reference);
      const after = (await listAuditForCase(t.ctx.db, id)).filter((a) => a.action === 'case.viewed');
      expect(after).toHaveLength(before.length + 2);
      expect(after.at(-1)?.actorId).toBe(handler.userId);
      expect(after.at(-1)?.actorKind).toBe('staff');
    });
    it('hides a restricted case from staff outside its group, as if it did not exist', async () => {
      const report = await makeCase(t, { category: 'self_harm', restrictedToGroup: 'trust-and-safety' });
      const outsider = await signInAs(t, 'handler');
      const admin = await signInAs(t, 'admin');
      const missing = await view(await missingReference(), outsider);

      for (const who of [outsider, admin]) {
        const response = await view(report.reference, who);
        expect(response.statusCode).toBe(404);
        expect(response.json()).toEqual(missing.json());
        expect(response.body).not.toContain(report.input.description);

        const queue = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=100', headers: { cookie: who.cookie } });
        expect(queue.json<QueueBody>().cases.map((c) => c.reference)).not.toContain(report.reference);
        const filtered = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=100&category=self_harm', headers: { cookie: who.cookie } });
        expect(filtered.json<QueueBody>().cases).toEqual([]);

        const before = await tableCounts(t);
        const taken = await assign(report.reference, who, true);
        expect(taken.statusCode).toBe(404);
        expect(taken.json()).toEqual(missing.json());
        expect(await tableCounts(t)).toEqual(before);
      }
      // Nobody outside the group left a trace of having seen it.
      const id = await caseId(t, report.reference);
      expect((await listAuditForCase(t.ctx.db, id)).filter((a) => a.action === 'case.viewed')).toEqual([]);
    });
  });
});
