import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { makeCase, makeDesk, makeStaff, signInStaff } from '../../../../tests/support/factories.js';
import { listAuditForCase } from '../../../db/repositories/audit-log.js';
import { findCase } from '../../../db/repositories/cases.js';
import type { ErrorResponse } from '../../../shared/api/errors.js';
import type { DeskTrainingRequirements, TeamTraining } from '../../../shared/api/training.js';

const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/training/catalog', import.meta.url));
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// A desk's admins may require training modules before anyone takes the desk's cases; "assign to
// me" then refuses, naming what is missing, until the person has completed them.
describe.each(testDialects())('training required before taking cases, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect, { trainingDir: FIXTURES }); });
  afterAll(async () => { await t.close(); });

  const put = (who: SignedIn | null, desk: string, module: string, payload: unknown) => t.app.inject({
    method: 'PUT', url: `/api/v1/training/requirements/${desk}/${module}`, payload: payload as Record<string, unknown>,
    headers: who === null ? {} : { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
  });
  const assign = (who: SignedIn, reference: string) => t.app.inject({
    method: 'POST', url: `/api/v1/cases/${reference}/assign`, payload: {}, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
  });

  /** Reads both tabs of the fixture module and gives the best answer: the module is complete. */
  async function completeModule(who: SignedIn): Promise<void> {
    for (const section of ['why', 'first-reply']) await t.app.inject({ method: 'GET', url: `/training/replying-well/${section}`, headers: { cookie: who.cookie } });
    const answered = await t.app.inject({
      method: 'POST', url: '/training/replying-well/first-reply/answers', headers: { ...FORM, cookie: who.cookie },
      payload: new URLSearchParams({ question: 'friday-report', choice: 'b', csrf: who.csrfToken }).toString(),
    });
    expect(answered.statusCode).toBe(303);
  }

  it('walks 401, 400, 404 and 403 before an admin of the desk may require a module', async () => {
    const admin = await signInAs(t, 'admin');
    expect((await put(null, 'main', 'replying-well', { required: true })).statusCode).toBe(401);
    const badBody = await put(admin, 'main', 'replying-well', { required: 'yes' });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json<ErrorResponse>().error.fields?.map((f) => f.path)).toEqual(['required']);
    expect((await put(admin, 'main', 'no-such-module', { required: true })).statusCode).toBe(404);
    expect((await put(admin, 'no-such-desk', 'replying-well', { required: true })).statusCode).toBe(404);
    // A handler of the desk may not; an admin of another desk does not even see this one.
    const handler = await signInAs(t, 'handler');
    expect((await put(handler, 'main', 'replying-well', { required: true })).statusCode).toBe(403);
    const elsewhere = await makeDesk(t, { slug: 'elsewhere', name: 'Elsewhere' });
    const otherAdmin = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: elsewhere }));
    expect((await put(otherAdmin, 'main', 'replying-well', { required: true })).statusCode).toBe(404);

    const ok = await put(admin, 'main', 'replying-well', { required: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<DeskTrainingRequirements>()).toEqual({ desk: { slug: 'main', name: 'Haven' }, moduleIds: ['replying-well'] });
    // Requiring it again changes nothing, and only the change is audited.
    expect((await put(admin, 'main', 'replying-well', { required: true })).statusCode).toBe(200);
    const audited = await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'training.requirement_set').execute();
    expect(audited.map((a) => [a.actor_id, JSON.parse(a.detail) as unknown])).toEqual([
      [admin.userId, { deskId: expect.any(String) as unknown, moduleId: 'replying-well', required: true }],
    ]);
    const team = (await t.app.inject({ method: 'GET', url: '/api/v1/training/progress', headers: { cookie: admin.cookie } })).json<TeamTraining>();
    expect(team.requirements).toEqual([{ desk: { slug: 'main', name: 'Haven' }, moduleIds: ['replying-well'] }]);
    // The other desk's admin sees only their own desk's requirements, which are none.
    const theirs = (await t.app.inject({ method: 'GET', url: '/api/v1/training/progress', headers: { cookie: otherAdmin.cookie } })).json<TeamTraining>();
    expect(theirs.requirements).toEqual([{ desk: { slug: 'elsewhere', name: 'Elsewhere' }, moduleIds: [] }]);
  });

  it('refuses "assign to me" until the module is complete, naming it, then allows it', async () => {
    const handler = await signInAs(t, 'handler');
    const kase = await makeCase(t, { desk: 'main' });
    const refused = await assign(handler, kase.reference);
    expect(refused.statusCode).toBe(409);
    const error = refused.json<ErrorResponse>().error;
    expect(error.code).toBe('training_required');
    expect(error.modules).toEqual([{ id: 'replying-well', title: 'Replying well' }]);
    expect(error.message).toContain('Replying well');
    expect((await findCase(t.ctx.db, { id: kase.id }))?.assigneeId).toBeNull();
    expect((await listAuditForCase(t.ctx.db, kase.id)).map((a) => a.action)).not.toContain('case.assigned');

    await completeModule(handler);
    const allowed = await assign(handler, kase.reference);
    expect(allowed.statusCode).toBe(200);
    expect((await findCase(t.ctx.db, { id: kase.id }))?.assigneeId).toBe(handler.userId);
  });

  it('asks nothing of another desk\'s people, and nothing once the requirement is lifted', async () => {
    const elsewhereHandler = await signInStaff(t, await makeStaff(t, { role: 'handler', desk: 'elsewhere' }));
    const theirCase = await makeCase(t, { desk: 'elsewhere' });
    expect((await assign(elsewhereHandler, theirCase.reference)).statusCode).toBe(200);

    const admin = await signInAs(t, 'admin');
    const lifted = await put(admin, 'main', 'replying-well', { required: false });
    expect(lifted.json<DeskTrainingRequirements>().moduleIds).toEqual([]);
    const untrained = await signInAs(t, 'handler');
    expect((await assign(untrained, (await makeCase(t, { desk: 'main' })).reference)).statusCode).toBe(200);
  });
});
