import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../tests/support/test-app.js';
import { fileReport, tableCounts } from '../../../tests/support/intake.js';
import type { CaseResponse } from '../../shared/api/cases.js';
import { escaped, form, FORM, freshFormToken, receiptCookie, t_ } from './public-pages.test-helpers.js';

const PUBLIC_LINK = 'https://wiki.example.org/w/index.php?diff=6161';
const PRIVATE_LINK = 'https://chat.example.org/private/robin-and-wren';
const FIELDS = {
  reporterRole: 'third_party', reportedAccounts: 'Loud_Crow', targetAccount: 'Gentle_Wren', links: PUBLIC_LINK, privateLinks: PRIVATE_LINK,
  description: 'He posted about her in a private chat and reverted her edits.', category: 'hounding', immediateDanger: 'no', contactEmail: '', language: 'en',
};

// A reporter marks a link private ("only the team may see this"), on the form without script
// or through the API: the team sees it, marked as given privately, and the leak guard keeps
// it out of anything written to the reported person.
describe.each(testDialects())('private links at intake, on %s', (dialect) => {
  let t: TestApp;
  let handler: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    handler = await signInAs(t, 'handler');
  });
  afterAll(async () => { await t.close(); });

  const post = async (fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/report', headers: FORM, payload: form({ ...fields, formToken: await freshFormToken(t.app) }) });
  const staff = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({
    method, url, headers: { cookie: handler.cookie, 'x-csrf-token': handler.csrfToken }, ...(payload === undefined ? {} : { payload }),
  });
  const view = async (reference: string) => (await staff('GET', `/api/v1/cases/${reference}`)).json<CaseResponse>().case;

  it('offers a field for private links on the form, with a hint that says who may see them', async () => {
    const body = (await t.app.inject({ method: 'GET', url: '/report' })).body;
    expect(body).toContain(`<label for="privateLinks">${escaped(t_('report.privateLinks.label'))}</label>`);
    expect(body).toContain(escaped(t_('report.privateLinks.hint')));
  });

  it('keeps a private link from the form as given privately, and the guard stops a notice that quotes it', async () => {
    const posted = await post(FIELDS);
    expect(posted.statusCode).toBe(303);
    const receipt = await t.app.inject({ method: 'GET', url: '/report/receipt', headers: { cookie: receiptCookie(posted) } });
    const reference = /<strong class="reference">(HV-\d{4}-\d{6})<\/strong>/.exec(receipt.body)?.[1] ?? '';
    const kase = await view(reference);
    expect(kase.evidence.map((e) => ({ url: e.url, suppliedPrivately: e.suppliedPrivately })).sort((a, b) => (a.url ?? '').localeCompare(b.url ?? ''))).toEqual([
      { url: PRIVATE_LINK, suppliedPrivately: true },
      { url: PUBLIC_LINK, suppliedPrivately: false },
    ]);

    const reported = kase.parties.find((p) => p.role === 'reported');
    expect(reported).toBeDefined();
    const quoting = await staff('POST', `/api/v1/cases/${reference}/replies`, { partyId: reported?.id, body: `We have seen ${PRIVATE_LINK} and ask you to stop.` });
    expect(quoting.statusCode).toBe(409);
    expect(quoting.json<{ error: { code: string } }>().error.code).toBe('identity_leak');
    // The public diff is not private: a notice may cite it.
    const citing = await staff('POST', `/api/v1/cases/${reference}/replies`, { partyId: reported?.id, body: `Your edit ${PUBLIC_LINK} broke the civility policy.` });
    expect(citing.statusCode).toBe(201);
  });

  it('refuses a private link that is not a web address beside its field, keeping what was typed and storing nothing', async () => {
    const before = await tableCounts(t);
    const response = await post({ ...FIELDS, privateLinks: 'my private chat' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(`<p class="error" id="privateLinks-error">${escaped(t_('report.error.privateLinks'))}</p>`);
    expect(response.body).toContain('>my private chat</textarea>');
    expect(await tableCounts(t)).toEqual(before);
  });

  it('takes private links through the API too, and keeps a link given both ways once, as private', async () => {
    const report = await fileReport(t, { links: [PUBLIC_LINK, PRIVATE_LINK], privateLinks: [PRIVATE_LINK] });
    const evidence = (await view(report.reference)).evidence;
    expect(evidence.filter((e) => e.url === PRIVATE_LINK).map((e) => e.suppliedPrivately)).toEqual([true]);
    expect(evidence.filter((e) => e.url === PUBLIC_LINK).map((e) => e.suppliedPrivately)).toEqual([false]);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: { ...report.input, privateLinks: ['javascript:alert(1)'] } });
    expect(bad.statusCode).toBe(400);
  });
});
