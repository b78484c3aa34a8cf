import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { makeCase } from '../../../tests/support/factories.js';
import { listParties } from '../../db/repositories/case-parts.js';
import { escaped, t_ } from './public-pages.test-helpers.js';

describe.each(testDialects())('/status of a closed case on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  it('says it is closed, how it ended in plain words, the closing message and the next steps, and nothing of the record', async () => {
    const handler = await signInAs(t, 'handler');
    const kase = await makeCase(t, { desk: 'main' });
    const partyId = (await listParties(t.ctx.db, kase.id)).find((p) => p.role === 'reporter')?.id ?? '';
    const record = { summary: 'Two rude comments on an article talk page.', findings: 'Internal: the account belongs to a long-time editor.' };
    const nextSteps = 'You can ask the community noticeboard to look at it,\nor write to us again here.';
    const closed = await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${kase.reference}/close`, headers: { cookie: handler.cookie, 'x-csrf-token': handler.csrfToken },
      payload: { outcome: 'non_actionable', closingRecord: record, nextSteps, messages: [{ partyId, body: 'We read everything you sent & cannot act on it.' }] },
    });
    expect(closed.statusCode).toBe(200);

    const exchange = await t.app.inject({ method: 'GET', url: `/status?code=${encodeURIComponent(kase.accessCode)}` });
    const cookie = exchange.cookies.find((c) => c.name === 'haven_reporter');
    const page = await t.app.inject({ method: 'GET', url: '/status', headers: { cookie: `haven_reporter=${cookie?.value ?? ''}` } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(escaped(t_('status.closed.heading')));
    expect(page.body).toContain(escaped(t_('status.outcome.non_actionable')));
    expect(page.body).toContain(escaped(t_('status.closed.nextSteps')));
    expect(page.body).toContain(escaped(nextSteps));
    expect(page.body).toContain(escaped('We read everything you sent & cannot act on it.'));
    expect(page.body).not.toContain(escaped(record.findings));
    expect(page.body).not.toContain(escaped(record.summary));
  });
});
