import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport, tableCounts } from '../../../../tests/support/intake.js';
import { findCase } from '../../../db/repositories/cases.js';
import { listAuditForCase } from '../../../db/repositories/audit-log.js';
import { assignCase, caseId, MINUTE, missingReference as nextMissingReference, viewCase, type CaseBody, type ErrorBody, type QueueBody } from './cases.test-helpers.js';

describe.each(testDialects())('case routes on %s', (dialect) => {
  const start = new Date('2026-03-02T10:00:00.000Z');

  describe('POST /api/v1/cases/:reference/assign', () => {
    let t: TestApp;
    let handler: SignedIn;

    const view = (reference: string, who: SignedIn | null = handler) => viewCase(t, reference, who);
    const assign = (reference: string, who: SignedIn | null, csrf: boolean, payload?: object) => assignCase(t, reference, who, csrf, payload);
    const missingReference = () => nextMissingReference(t);

    beforeAll(async () => {
      t = await createTestApp(dialect, { now: start });
      handler = await signInAs(t, 'handler');
    });
    afterAll(async () => { await t.close(); });

    it('walks 401, 400, 404 and 403 before assigning', async () => {
      const report = await fileReport(t);
      const before = await tableCounts(t);
      expect((await assign(report.reference, null, false)).statusCode).toBe(401);
      expect((await assign('HV-1', handler, true)).statusCode).toBe(400);
      expect((await assign(report.reference, handler, true, { assignee: 'someone-else' })).statusCode).toBe(400);
      expect((await assign(await missingReference(), handler, true)).statusCode).toBe(404);
      const noCsrf = await assign(report.reference, handler, false);
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json<ErrorBody>().error.code).toBe('forbidden');
      expect(await tableCounts(t)).toEqual(before);
      expect((await findCase(t.ctx.db, { reference: report.reference }))?.assigneeId).toBeNull();
    });

    it('lets a reviewer read a case but not take it', async () => {
      const report = await fileReport(t);
      const reviewer = await signInAs(t, 'reviewer');
      expect((await view(report.reference, reviewer)).statusCode).toBe(200);
      const before = await tableCounts(t);
      const response = await assign(report.reference, reviewer, true);
      expect(response.statusCode).toBe(403);
      expect(await tableCounts(t)).toEqual(before);
      expect((await findCase(t.ctx.db, { reference: report.reference }))?.assigneeId).toBeNull();
    });

    it('assigns to me with a timeline event and an audit row; a second time adds nothing', async () => {
      const report = await fileReport(t);
      const id = await caseId(t, report.reference);
      t.setNow(new Date(start.getTime() + 7 * MINUTE));
      const response = await assign(report.reference, handler, true);
      expect(response.statusCode).toBe(200);
      const { case: kase } = response.json<CaseBody>();
      expect(kase.assignee).toEqual({ id: handler.userId, username: handler.username });
      const assigned = kase.timeline.filter((e) => e.type === 'case_assigned');
      expect(assigned).toHaveLength(1);
      expect(assigned[0]?.actor).toEqual({ kind: 'staff', username: handler.username });
      expect(assigned[0]?.at).toBe(t.ctx.now().toISOString());
      const audit = (await listAuditForCase(t.ctx.db, id)).filter((a) => a.action === 'case.assigned');
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actorId).toBe(handler.userId);

      // The console sends `{}`; an API client may send no body at all (as above).
      const again = await assign(report.reference, handler, true, {});
      expect(again.statusCode).toBe(200);
      expect(again.json<CaseBody>().case.timeline.filter((e) => e.type === 'case_assigned')).toHaveLength(1);
      expect((await listAuditForCase(t.ctx.db, id)).filter((a) => a.action === 'case.assigned')).toHaveLength(1);

      const queue = (await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=100', headers: { cookie: handler.cookie } })).json<QueueBody>();
      expect(queue.cases.find((c) => c.reference === report.reference)?.assignee).toEqual({ id: handler.userId, username: handler.username });
    });

    it('refuses to take a case another handler holds, naming them, and changes nothing', async () => {
      const report = await fileReport(t);
      const other = await signInAs(t, 'handler');
      expect((await assign(report.reference, handler, true)).statusCode).toBe(200);
      const before = await tableCounts(t);
      for (const payload of [undefined, {}, { takeOver: false }]) {
        const refused = await assign(report.reference, other, true, payload);
        expect(refused.statusCode).toBe(409);
        expect(refused.json<ErrorBody>().error.code).toBe('held_by_other');
        expect(refused.json<ErrorBody>().error.message).toContain(handler.username);
      }
      expect(await tableCounts(t)).toEqual(before);
      expect((await findCase(t.ctx.db, { reference: report.reference }))?.assigneeId).toBe(handler.userId);
    });

    it('records a deliberate take-over with who had the case before', async () => {
      const report = await fileReport(t);
      const other = await signInAs(t, 'handler');
      await assign(report.reference, handler, true);
      const response = await assign(report.reference, other, true, { takeOver: true });
      expect(response.statusCode).toBe(200);
      const { case: kase } = response.json<CaseBody>();
      expect(kase.assignee?.id).toBe(other.userId);
      expect(kase.timeline.filter((e) => e.type === 'case_assigned')).toHaveLength(1);
      const takeOvers = kase.timeline.filter((e) => e.type === 'case_taken_over');
      expect(takeOvers).toHaveLength(1);
      expect(takeOvers[0]?.detail).toEqual({ from: { id: handler.userId, username: handler.username } });
      const audit = await listAuditForCase(t.ctx.db, await caseId(t, report.reference));
      expect(audit.filter((a) => a.action === 'case.taken_over').map((a) => a.actorId)).toEqual([other.userId]);
    });

    it('lets exactly one of two simultaneous claims win', async () => {
      const report = await fileReport(t);
      const rivals = [await signInAs(t, 'handler'), await signInAs(t, 'handler')];
      const results = await Promise.all(rivals.map((who) => assign(report.reference, who, true)));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = rivals[results.findIndex((r) => r.statusCode === 200)];
      expect((await findCase(t.ctx.db, { reference: report.reference }))?.assigneeId).toBe(winner?.userId);
    });

    it('rejects an unknown field or a non-boolean take-over', async () => {
      const report = await fileReport(t);
      for (const payload of [{ takeOver: 'yes' }, { assignee: 'someone' }]) {
        const response = await assign(report.reference, handler, true, payload);
        expect(response.statusCode).toBe(400);
        expect(response.json<ErrorBody>().error.code).toBe('validation_failed');
      }
    });
  });
});
