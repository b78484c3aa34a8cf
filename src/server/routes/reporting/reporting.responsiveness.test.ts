import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { makeCase, makeDesk, makeStaff, signInStaff, type MadeCase } from '../../../../tests/support/factories.js';
import { listParties } from '../../../db/repositories/case-parts.js';
import type { Responsiveness } from '../../../shared/api/reporting.js';

const HOUR = 3_600_000;

describe.each(testDialects())('GET /api/v1/reporting/responsiveness on %s', (dialect) => {
  const start = new Date('2026-03-02T09:00:00.000Z');
  let t: TestApp;
  let handler: SignedIn;

  async function reply(who: SignedIn, kase: MadeCase, at: Date, promiseInHours: number | null) {
    t.setNow(at);
    const partyId = (await listParties(t.ctx.db, kase.id)).find((p) => p.role === 'reporter')?.id ?? '';
    const response = await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${kase.reference}/replies`, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
      payload: { partyId, body: 'Update.', ...(promiseInHours === null ? {} : { promiseUpdateBy: new Date(at.getTime() + promiseInHours * HOUR).toISOString() }) },
    });
    if (response.statusCode !== 201) throw new Error(response.body);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    handler = await signInAs(t, 'handler');
    const a = await makeCase(t, { desk: 'main', receivedAt: start });
    const b = await makeCase(t, { desk: 'main', receivedAt: start });
    const c = await makeCase(t, { desk: 'main', receivedAt: start });
    // First responses after 1, 2 and 4 hours: the median is 2 hours.
    await reply(handler, a, new Date(start.getTime() + HOUR), 3);
    await reply(handler, b, new Date(start.getTime() + 2 * HOUR), 1);
    await reply(handler, c, new Date(start.getTime() + 4 * HOUR), null);
    // a's promise (due at +4h) kept at +3h; b's (due at +3h) broken: answered at +5h.
    await reply(handler, a, new Date(start.getTime() + 3 * HOUR), null);
    await reply(handler, b, new Date(start.getTime() + 5 * HOUR), null);
    // Another desk's case, answered late, must not count for this desk.
    const other = await makeDesk(t);
    const theirs = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: other }));
    const d = await makeCase(t, { desk: other, receivedAt: start });
    await reply(theirs, d, new Date(start.getTime() + 10 * HOUR), 1);
    t.setNow(new Date(start.getTime() + 11 * HOUR));
  });
  afterAll(async () => { await t.close(); });

  it('walks 401 → 400 → 200 with the share of promises kept and the median first response for the actor\'s desks', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/reporting/responsiveness' })).statusCode).toBe(401);
    const get = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/reporting/responsiveness${query}`, headers: { cookie: handler.cookie } });
    expect((await get('?from=2026-13')).statusCode).toBe(400);
    expect((await get('?from=2026-03&to=2026-01')).statusCode).toBe(400);
    const response = await get('?from=2026-02&to=2026-03');
    expect(response.statusCode).toBe(200);
    expect(response.json<Responsiveness>().months).toEqual([
      { month: '2026-02', promisesKept: 0, promisesBroken: 0, shareKept: null, firstResponses: 0, medianFirstResponseMs: null },
      { month: '2026-03', promisesKept: 1, promisesBroken: 1, shareKept: 0.5, firstResponses: 3, medianFirstResponseMs: 2 * HOUR },
    ]);
    const audit = await t.ctx.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'reporting.responsiveness_viewed').execute();
    expect(audit.map((a) => a.actor_id)).toContain(handler.userId);
  });
});
