import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { adjustCase, makeCase, makeDesk, makeStaff, signInStaff, type MadeCase } from '../../../../tests/support/factories.js';
import { listParties } from '../../../db/repositories/case-parts.js';
import type { CaseResponse as CaseBody, QueueResponse } from '../../../shared/api/cases.js';

const HOUR = 3_600_000;

describe.each(testDialects())('promises kept and broken (GET /api/v1/cases?promise=broken, the case page) on %s', (dialect) => {
  const start = new Date('2026-04-06T09:00:00.000Z');
  let t: TestApp;
  let handler: SignedIn;
  const made: Record<string, MadeCase> = {};

  const get = (who: SignedIn | null, url: string) => t.app.inject({ method: 'GET', url, headers: who === null ? {} : { cookie: who.cookie } });
  async function reply(kase: MadeCase, promiseInHours: number | null, at: Date) {
    t.setNow(at);
    const partyId = (await listParties(t.ctx.db, kase.id)).find((p) => p.role === 'reporter')?.id ?? '';
    const response = await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${kase.reference}/replies`, headers: { cookie: handler.cookie, 'x-csrf-token': handler.csrfToken },
      payload: { partyId, body: 'An update on your report.', ...(promiseInHours === null ? {} : { promiseUpdateBy: new Date(at.getTime() + promiseInHours * HOUR).toISOString() }) },
    });
    if (response.statusCode !== 201) throw new Error(`reply failed: ${response.body}`);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    handler = await signInAs(t, 'handler');
    const other = await makeDesk(t);
    for (const name of ['broken early', 'broken late', 'kept', 'pending', 'closed', 'restricted']) made[name] = await makeCase(t, { desk: 'main' });
    made['other desk'] = await makeCase(t, { desk: other });
    await reply(made['broken early']!, 2, start);
    await reply(made['broken late']!, 3, start);
    await reply(made.kept!, 2, start);
    await reply(made.kept!, null, new Date(start.getTime() + HOUR));
    await reply(made.pending!, 48, start);
    await reply(made.closed!, 1, start);
    await reply(made.restricted!, 1, start);
    await adjustCase(t, made.closed!.id, { status: 'closed' });
    await adjustCase(t, made.restricted!.id, { restrictedToGroup: 'oversight' });
    // The other desk's admin promises too, so a list that forgot the desk would show it.
    const theirs = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: other }));
    const partyId = (await listParties(t.ctx.db, made['other desk'].id)).find((p) => p.role === 'reporter')?.id ?? '';
    t.setNow(start);
    await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${made['other desk'].reference}/replies`, headers: { cookie: theirs.cookie, 'x-csrf-token': theirs.csrfToken },
      payload: { partyId, body: 'Soon.', promiseUpdateBy: new Date(start.getTime() + HOUR).toISOString() },
    });
    t.setNow(new Date(start.getTime() + 5 * HOUR));
  });
  afterAll(async () => { await t.close(); });

  it('walks 401 → 400 → 200, listing only this desk\'s open, visible cases whose promise passed, longest overdue first', async () => {
    expect((await get(null, '/api/v1/cases?promise=broken')).statusCode).toBe(401);
    for (const query of ['promise=kept', 'promise=broken&status=new', 'promise=broken&q=heron', 'promise=broken&desk=no-such-desk']) {
      expect((await get(handler, `/api/v1/cases?${query}`)).statusCode, query).toBe(400);
    }
    const response = await get(handler, '/api/v1/cases?promise=broken');
    expect(response.statusCode).toBe(200);
    const listed = response.json<QueueResponse>().cases;
    expect(listed.map((c) => c.reference)).toEqual([made['broken early']!.reference, made['broken late']!.reference]);
    expect(listed[0]?.nextUpdateDueAt).toBe(new Date(start.getTime() + 2 * HOUR).toISOString());
  });

  it('pages by the promised date', async () => {
    const first = (await get(handler, '/api/v1/cases?promise=broken&limit=1')).json<QueueResponse>();
    expect(first.cases.map((c) => c.reference)).toEqual([made['broken early']!.reference]);
    const second = (await get(handler, `/api/v1/cases?promise=broken&limit=1&cursor=${first.nextCursor ?? ''}`)).json<QueueResponse>();
    expect(second.cases.map((c) => c.reference)).toEqual([made['broken late']!.reference]);
    expect(second.nextCursor).toBeNull();
  });

  it('shows each promise on the case page as kept, broken or pending', async () => {
    const promiseOf = async (name: string) => (await get(handler, `/api/v1/cases/${made[name]!.reference}`)).json<CaseBody>().case.messages.map((m) => m.promise);
    expect(await promiseOf('kept')).toEqual(['kept', null]);
    expect(await promiseOf('broken early')).toEqual(['broken']);
    expect(await promiseOf('pending')).toEqual(['pending']);
  });
});
