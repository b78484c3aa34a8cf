import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { makeDesk } from '../../../tests/support/factories.js';
import { tableCounts } from '../../../tests/support/intake.js';
import { findCase } from '../../db/repositories/cases.js';
import { escaped, form, FORM, freshFormToken, receiptCookie, t_ } from './public-pages.test-helpers.js';

const FIELDS = {
  reporterRole: 'target', reportedAccounts: 'Reported-by-form', targetAccount: '', links: 'https://wiki.example.org/w/index.php?diff=5151',
  description: 'Insults in edit summaries, every day this week.', category: 'hounding', immediateDanger: 'no', contactEmail: '', language: 'en',
};

// With one desk the form asks nothing about desks; with several it first asks which community
// or team the report is for, as plain radio buttons (no script), and a link may preselect one.
describe.each(testDialects())('the report form and desks, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect); });
  afterAll(async () => { await t.close(); });

  const page = async (url = '/report') => (await t.app.inject({ method: 'GET', url })).body;
  // Each post carries a fresh one-time token, as a form from GET /report does.
  const post = async (fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: form({ ...fields, formToken: await freshFormToken(t.app) }) });
  /** The reference on the receipt a successful post leads to. */
  const receivedReference = async (posted: Awaited<ReturnType<typeof post>>) => {
    expect(posted.statusCode).toBe(303);
    const receipt = await t.app.inject({ method: 'GET', url: '/report/receipt', headers: { cookie: receiptCookie(posted) } });
    return /<strong class="reference">(HV-\d{4}-\d{6})<\/strong>/.exec(receipt.body)?.[1] ?? '';
  };

  it('with one desk, asks nothing about desks and files on it', async () => {
    for (const url of ['/report', '/report?desk=main']) {
      const body = await page(url);
      expect(body).not.toContain('name="desk"');
      expect(body).not.toContain(escaped(t_('report.desk.legend')));
    }
    const reference = await receivedReference(await post(FIELDS));
    expect((await findCase(t.ctx.db, { reference }))?.desk.slug).toBe('main');
  });

  describe('with several desks', () => {
    beforeAll(async () => {
      await makeDesk(t, { slug: 'events', name: 'Events team', reporterName: 'Community events & meet-ups' });
    });

    it('asks which community or team, by the names reporters know, without script', async () => {
      const body = await page();
      expect(body).toContain(`<legend>${escaped(t_('report.desk.legend'))}</legend>`);
      expect(body).toMatch(/<input type="radio" name="desk" id="desk-0" value="main"> <label for="desk-0">Haven<\/label>/);
      expect(body).toMatch(new RegExp(`<input type="radio" name="desk" id="desk-1" value="events"> <label for="desk-1">${escaped('Community events & meet-ups')}</label>`));
      // The staff-facing name is for staff only.
      expect(body).not.toContain('Events team');
      expect(body.toLowerCase()).not.toContain('<script');
      expect(body).not.toMatch(/name="desk"[^>]* checked/);
    });

    it('preselects the desk a link names, and ignores one there is not', async () => {
      expect(await page('/report?desk=events')).toMatch(/value="events" checked>/);
      expect(await page('/report?desk=nowhere')).not.toMatch(/name="desk"[^>]* checked/);
    });

    it('refuses a report that chose no desk, beside the question, keeping what was typed and storing nothing', async () => {
      const before = await tableCounts(t);
      const response = await post(FIELDS);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(`<p class="error" id="desk-error">${escaped(t_('report.error.desk'))}</p>`);
      expect(response.body).toContain('<a href="#desk">');
      expect(response.body).toContain(`>${escaped(FIELDS.description)}</textarea>`);
      expect(await tableCounts(t)).toEqual(before);
      const unknown = await post({ ...FIELDS, desk: 'nowhere' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.body).toContain('id="desk-error"');
      expect(await tableCounts(t)).toEqual(before);
    });

    it('files the report on the desk chosen', async () => {
      const reference = await receivedReference(await post({ ...FIELDS, desk: 'events' }));
      expect((await findCase(t.ctx.db, { reference }))?.desk.slug).toBe('events');
    });
  });
});
