import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport, tableCounts } from '../../../../tests/support/intake.js';
import { makeDesk, makeStaff, signInStaff } from '../../../../tests/support/factories.js';
import { rawDatabaseText } from '../../../../tests/support/raw-database-text.js';
import { auditDetails } from '../../../../tests/support/audit-details.js';
import { accountIndex } from '../../../services/security/account-index.js';
import type { CaseResponse } from '../../../shared/api/cases.js';
import type { PartiesResponse, PartyResponse } from '../../../shared/api/parties.js';
import type { ErrorResponse } from '../../../shared/api/errors.js';
import { caseId, missingReference } from '../cases/cases.test-helpers.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describe.each(testDialects())('/api/v1/cases/:reference/parties on %s', (dialect) => {
  let t: TestApp;
  let handler: SignedIn;
  let reviewer: SignedIn;
  let outsider: SignedIn;

  function call(method: Method, url: string, who: SignedIn | null, payload?: unknown, csrf = true) {
    const headers: Record<string, string> = {};
    if (who !== null) headers.cookie = who.cookie;
    if (who !== null && csrf) headers['x-csrf-token'] = who.csrfToken;
    return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  }
  const partiesOf = async (reference: string) => (await call('GET', `/api/v1/cases/${reference}/parties`, handler)).json<PartiesResponse>().parties;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    handler = await signInAs(t, 'handler');
    reviewer = await signInAs(t, 'reviewer');
    const other = await makeDesk(t, { slug: 'elsewhere', name: 'Elsewhere', reporterName: 'Elsewhere' });
    outsider = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: other }));
  });
  afterAll(async () => { await t.close(); });

  it('lists the parties: 401, 400, 404 (missing, another desk), then 200 for the desk', async () => {
    const report = await fileReport(t, { desk: 'main', reportedAccounts: ['Loud_Account'] });
    const url = `/api/v1/cases/${report.reference}/parties`;
    expect((await call('GET', url, null)).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/cases/HV-26-1/parties', handler)).statusCode).toBe(400);
    const missing = await call('GET', `/api/v1/cases/${await missingReference(t)}/parties`, handler);
    const hidden = await call('GET', url, outsider);
    expect(missing.statusCode).toBe(404);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json<ErrorResponse>()).toEqual(missing.json<ErrorResponse>());
    const listed = await call('GET', url, reviewer);
    expect(listed.statusCode).toBe(200);
    expect(listed.json<PartiesResponse>().parties.map((p) => [p.role, p.username])).toEqual([['reporter', null], ['reported', 'Loud_Account']]);
  });

  it('adds a party: 401, 403 without CSRF, 400, 404, 403 for a reviewer, 409 for a second target, storing nothing; then 201', async () => {
    const report = await fileReport(t, { desk: 'main', reporterRole: 'third_party', targetAccount: 'Target_Person' });
    const url = `/api/v1/cases/${report.reference}/parties`;
    const good = { role: 'witness', accountName: 'Seen_It_All', displayName: 'Wit Ness', contactEmail: 'witness@example.org' };
    const before = await tableCounts(t);
    expect((await call('POST', url, null, good)).statusCode).toBe(401);
    expect((await call('POST', url, handler, good, false)).statusCode).toBe(403);
    const invalid: [unknown, string][] = [
      [{ role: 'witness' }, 'accountName'],
      [{ role: 'bystander', accountName: 'X' }, 'role'],
      [{ role: 'witness', accountName: 'X', contactEmail: 'not an address' }, 'contactEmail'],
      [{ role: 'witness', accountName: '   ' }, 'accountName'],
      [{ role: 'witness', accountName: 'x'.repeat(101) }, 'accountName'],
      [{ role: 'witness', accountName: 'X', phone: '123' }, ''],
    ];
    for (const [payload, field] of invalid) {
      const response = await call('POST', url, handler, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json<ErrorResponse>().error.fields?.map((f) => f.path), JSON.stringify(payload)).toContain(field);
    }
    expect((await call('POST', `/api/v1/cases/${await missingReference(t)}/parties`, handler, good)).statusCode).toBe(404);
    expect((await call('POST', url, outsider, good)).statusCode).toBe(404);
    expect((await call('POST', url, reviewer, good)).statusCode).toBe(403);
    const second = await call('POST', url, handler, { role: 'target', accountName: 'Another_Target' });
    expect(second.statusCode).toBe(409);
    expect(await tableCounts(t)).toEqual(before);

    const added = await call('POST', url, handler, good);
    expect(added.statusCode).toBe(201);
    const party = added.json<PartyResponse>().party;
    expect(party).toEqual({
      id: party.id, role: 'witness', username: 'Seen_It_All', displayName: 'Wit Ness', hasContactEmail: true, canReceiveReplies: false,
    });
    const kase = (await call('GET', `/api/v1/cases/${report.reference}`, handler)).json<CaseResponse>().case;
    expect(kase.parties.find((p) => p.id === party.id)?.displayName).toBe('Wit Ness');
    expect(kase.timeline.map((e) => [e.type, e.detail])).toContainEqual(['party_added', { partyRole: 'witness' }]);
    expect(await auditDetails(t, await caseId(t, report.reference), 'case.party_added')).toContainEqual({ partyId: party.id, role: 'witness', fields: ['role', 'accountName', 'displayName', 'contactEmail'] });
    // The blind index beside the account name matches any spelling of it.
    const stored = await t.ctx.db.selectFrom('case_parties').select(['account_index', 'display_name_enc', 'contact_email_enc']).where('id', '=', party.id).executeTakeFirstOrThrow();
    expect(stored.account_index).toBe(accountIndex(t.ctx.cipher, '  seen it   ALL '));
    expect(stored.display_name_enc).not.toContain('Wit Ness');
  });

  it('changes a party: 400 for an empty change, 404 for a party of another case, 409 for the reporter\'s role; then 200', async () => {
    const report = await fileReport(t, { desk: 'main', reportedAccounts: ['First_Name'] });
    const other = await fileReport(t, { desk: 'main' });
    const [reporter, reported] = await partiesOf(report.reference);
    const [otherReporter] = await partiesOf(other.reference);
    const url = (id: string) => `/api/v1/cases/${report.reference}/parties/${id}`;
    expect((await call('PATCH', url(reported!.id), null, { displayName: 'X' })).statusCode).toBe(401);
    expect((await call('PATCH', url(reported!.id), handler, {})).statusCode).toBe(400);
    expect((await call('PATCH', url(reported!.id), handler, { displayName: 'x'.repeat(201) })).statusCode).toBe(400);
    expect((await call('PATCH', url(otherReporter!.id), handler, { displayName: 'Moved' })).statusCode).toBe(404);
    expect((await call('PATCH', url(reported!.id), outsider, { displayName: 'X' })).statusCode).toBe(404);
    expect((await call('PATCH', url(reported!.id), reviewer, { displayName: 'X' })).statusCode).toBe(403);
    expect((await call('PATCH', url(reporter!.id), handler, { role: 'witness' })).statusCode).toBe(409);

    const changed = await call('PATCH', url(reported!.id), handler, { accountName: 'Second_Name', displayName: 'Real Name' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<PartyResponse>().party).toMatchObject({ username: 'Second_Name', displayName: 'Real Name', role: 'reported' });
    const cleared = await call('PATCH', url(reported!.id), handler, { displayName: null });
    expect(cleared.json<PartyResponse>().party.displayName).toBeNull();
    expect(await auditDetails(t, await caseId(t, report.reference), 'case.party_changed')).toEqual([
      { partyId: reported!.id, role: 'reported', fields: ['accountName', 'displayName'] },
      { partyId: reported!.id, role: 'reported', fields: ['displayName'] },
    ]);
    // The queue's search follows the account name.
    const found = await call('GET', '/api/v1/cases?q=Second_Name', handler);
    expect(found.json<{ cases: { reference: string }[] }>().cases.map((c) => c.reference)).toContain(report.reference);
  });

  it('removes a party named by mistake (204), but not one the desk is in touch with (409)', async () => {
    const report = await fileReport(t, { desk: 'main', reportedAccounts: ['Mistaken_Account'] });
    const [reporter, reported] = await partiesOf(report.reference);
    const url = (id: string) => `/api/v1/cases/${report.reference}/parties/${id}`;
    expect((await call('DELETE', url(reported!.id), null)).statusCode).toBe(401);
    expect((await call('DELETE', url(reported!.id), outsider)).statusCode).toBe(404);
    expect((await call('DELETE', url(reported!.id), reviewer)).statusCode).toBe(403);
    expect((await call('DELETE', url(reporter!.id), handler)).statusCode).toBe(409);
    expect((await call('DELETE', url(reported!.id), handler)).statusCode).toBe(204);
    expect((await call('DELETE', url(reported!.id), handler)).statusCode).toBe(404);
    expect((await partiesOf(report.reference)).map((p) => p.role)).toEqual(['reporter']);
    const kase = (await call('GET', `/api/v1/cases/${report.reference}`, handler)).json<CaseResponse>().case;
    expect(kase.timeline.map((e) => e.type)).toContain('party_removed');
  });

  it('keeps display names and contact addresses out of the database file and dumps', async () => {
    const report = await fileReport(t, { desk: 'main', contactEmail: 'reporter.sealed@example.org' });
    const url = `/api/v1/cases/${report.reference}/parties`;
    await call('POST', url, handler, { role: 'witness', displayName: 'Quinn Sealedname', contactEmail: 'witness.sealed@example.org' });
    const [reporter] = await partiesOf(report.reference);
    await call('PATCH', `${url}/${reporter!.id}`, handler, { displayName: 'Rowan Hiddenname' });
    const raw = await rawDatabaseText(t);
    expect(raw.length).toBeGreaterThan(1000);
    expect(raw).toContain(report.reference);
    for (const secret of ['Quinn Sealedname', 'Sealedname', 'witness.sealed@example.org', 'reporter.sealed@example.org', 'Rowan Hiddenname']) {
      expect(raw.includes(secret), secret).toBe(false);
    }
  });

  it('seals the account names of the people a case protects, shows them to staff, and moves a name with its role', async () => {
    const report = await fileReport(t, { desk: 'main', reporterRole: 'third_party', targetAccount: 'Sealed_Target_Acct', reportedAccounts: ['Plain_Reported_Acct'] });
    const url = `/api/v1/cases/${report.reference}/parties`;
    const witness = (await call('POST', url, handler, { role: 'witness', accountName: 'Sealed_Witness_Acct' })).json<PartyResponse>().party;
    const reported = (await partiesOf(report.reference)).find((p) => p.role === 'reported');
    expect((await partiesOf(report.reference)).map((p) => [p.role, p.username])).toEqual([
      ['reporter', null], ['reported', 'Plain_Reported_Acct'], ['target', 'Sealed_Target_Acct'], ['witness', 'Sealed_Witness_Acct'],
    ]);
    const search = async (q: string) => (await call('GET', `/api/v1/cases?q=${q}`, handler)).json<{ cases: { reference: string }[] }>().cases.map((c) => c.reference);
    let raw = await rawDatabaseText(t);
    for (const name of ['Sealed_Target_Acct', 'Sealed_Witness_Acct']) expect(raw.includes(name), name).toBe(false);
    // A reported account stays in the clear: it is what handlers search for.
    expect(raw).toContain('Plain_Reported_Acct');
    expect(await search('Plain_Reported_Acct')).toContain(report.reference);

    // The witness turns out to be the one harassing: the name moves into the clear, and search finds it.
    expect((await call('PATCH', `${url}/${witness.id}`, handler, { role: 'reported' })).json<PartyResponse>().party.username).toBe('Sealed_Witness_Acct');
    expect(await search('Sealed_Witness_Acct')).toContain(report.reference);
    // And the other way: a reported account that was a mistake becomes a witness, sealed and no longer found.
    expect((await call('PATCH', `${url}/${reported!.id}`, handler, { role: 'witness' })).json<PartyResponse>().party.username).toBe('Plain_Reported_Acct');
    expect(await search('Plain_Reported_Acct')).not.toContain(report.reference);
    raw = await rawDatabaseText(t);
    expect(raw.includes('Sealed_Target_Acct')).toBe(false);
    const rows = await t.ctx.db.selectFrom('case_parties').select(['id', 'username', 'username_enc', 'account_key']).where('id', 'in', [witness.id, reported!.id]).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(witness.id)).toMatchObject({ username: 'Sealed_Witness_Acct', username_enc: null, account_key: accountIndex(t.ctx.cipher, 'Sealed_Witness_Acct') });
    expect(byId.get(reported!.id)).toMatchObject({ username: null, account_key: accountIndex(t.ctx.cipher, 'Plain_Reported_Acct') });
    expect(byId.get(reported!.id)?.username_enc).not.toContain('Plain_Reported_Acct');
  });

  it('keeps a party that names the handler\'s own linked account, answers 201 and says they are now recused', async () => {
    const own = await signInAs(t, 'handler');
    expect((await call('POST', '/api/v1/session/accounts', own, { name: 'Own_Wiki_Account' })).statusCode).toBe(201);
    const report = await fileReport(t, { desk: 'main' });
    const url = `/api/v1/cases/${report.reference}/parties`;
    const plain = await call('POST', url, own, { role: 'witness', accountName: 'Someone_Else' });
    expect(plain.statusCode).toBe(201);
    expect(plain.json<PartyResponse>().recused).toBe(false);
    const added = await call('POST', url, own, { role: 'witness', accountName: 'own wiki account' });
    expect(added.statusCode).toBe(201);
    expect(added.json<PartyResponse>()).toMatchObject({ recused: true, party: { role: 'witness', username: 'own wiki account' } });
    // The change was kept; the case is now closed to them, and open to everyone else.
    expect((await call('GET', `/api/v1/cases/${report.reference}`, own)).statusCode).toBe(404);
    expect((await partiesOf(report.reference)).map((p) => p.username)).toContain('own wiki account');
  });

  it('refuses a sealed display name moved to another party', async () => {
    const report = await fileReport(t, { desk: 'main', reportedAccounts: ['One_Account', 'Two_Account'] });
    const [, first, second] = await partiesOf(report.reference);
    await call('PATCH', `/api/v1/cases/${report.reference}/parties/${first!.id}`, handler, { displayName: 'Moved Name' });
    const { display_name_enc: sealed } = await t.ctx.db.selectFrom('case_parties').select('display_name_enc').where('id', '=', first!.id).executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('case_parties').set({ display_name_enc: sealed }).where('id', '=', second!.id).execute();
    const response = await call('GET', `/api/v1/cases/${report.reference}/parties`, handler);
    expect(response.statusCode).toBe(500);
  });
});
