import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { adjustCase, grantRole, makeCase, makeDesk, makeStaff, signInStaff } from '../../../../tests/support/factories.js';
import type { CaseBody, QueueBody } from './cases.test-helpers.js';

// Patterns: cases naming the same reported account, as the wiki normalises names, are linked;
// the case page counts only the linked cases the viewer may open, and the queue can filter on it.

describe.each(testDialects())('linked cases on %s', (dialect) => {
  let t: TestApp;
  let handler: SignedIn;
  const view = async (reference: string, who: SignedIn = handler) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${reference}`, headers: { cookie: who.cookie } })).json<CaseBody>().case;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: new Date('2026-03-02T10:00:00.000Z') });
    handler = await signInAs(t, 'handler');
    await makeDesk(t, { slug: 'other', name: 'Other desk', reporterName: 'Another community' });
  });
  afterAll(async () => { await t.close(); });

  it('links case, spacing and underscore variants of one name, and not different names', async () => {
    const first = await makeCase(t, { desk: 'main', reportedAccounts: ['Foo_bar'] });
    const variants = await Promise.all(['foo bar', ' FOO   Bar ', 'Foo__Bar'].map((name) => makeCase(t, { desk: 'main', reportedAccounts: [name] })));
    const other = await makeCase(t, { desk: 'main', reportedAccounts: ['Foo baz'] });
    expect((await view(first.reference)).linkedCases).toBe(3);
    for (const v of variants) expect((await view(v.reference)).linkedCases).toBe(3);
    expect((await view(other.reference)).linkedCases).toBe(0);
  });

  it('counts only the linked cases the viewer may open: not another desk\'s, not a restricted one', async () => {
    const seen = await makeCase(t, { desk: 'main', reportedAccounts: ['Quiet_Heron'] });
    await makeCase(t, { desk: 'other', reportedAccounts: ['quiet heron'] });
    const restricted = await makeCase(t, { desk: 'main', reportedAccounts: ['Quiet heron'] });
    await adjustCase(t, restricted.id, { restrictedToGroup: 'oversight' });
    expect((await view(seen.reference)).linkedCases).toBe(0);
    const both = await makeStaff(t, { role: 'handler', desk: 'main' });
    await grantRole(t, both, 'other', 'handler');
    expect((await view(seen.reference, await signInStaff(t, both))).linkedCases).toBe(1);
  });

  it('filters the queue to linked cases', async () => {
    const linkedA = await makeCase(t, { desk: 'main', reportedAccounts: ['Pattern_One'] });
    const linkedB = await makeCase(t, { desk: 'main', reportedAccounts: ['pattern one'] });
    const alone = await makeCase(t, { desk: 'main', reportedAccounts: ['Lonely Account'] });
    const queue = (await t.app.inject({ method: 'GET', url: '/api/v1/cases?linked=true&limit=100', headers: { cookie: handler.cookie } })).json<QueueBody>();
    const references = queue.cases.map((c) => c.reference);
    expect(references).toEqual(expect.arrayContaining([linkedA.reference, linkedB.reference]));
    expect(references).not.toContain(alone.reference);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases?linked=yes', headers: { cookie: handler.cookie } })).statusCode).toBe(400);
  });
});
