import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { makeReportInput } from '../../tests/support/factories.js';
import { fileReportOnce } from './file-report-once.js';
import { requestSignInLink } from './request-sign-in-link.js';
import { sweepIntakeSecrets, UNREADABLE_CONTACT } from './sweep-intake-secrets.js';
import { SEALED } from './context.js';
import { FieldCipher } from './security/field-cipher.js';
import { accountIndex } from './security/account-index.js';
import { accountNameContext } from './party-details.js';

const start = new Date('2026-03-02T10:00:00.000Z');
const MINUTE = 60_000;

describe.each(testDialects())('the intake sweep on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect, { now: start }); });
  afterAll(async () => { await t.close(); });

  const at = (minutes: number) => { t.setNow(new Date(start.getTime() + minutes * MINUTE)); };
  const sealedCodes = async () => (await t.ctx.db.selectFrom('intake_receipts').select('code_enc').where('code_enc', 'is not', null).execute()).length;
  const count = async (table: 'intake_receipts' | 'sign_in_link_requests') =>
    (await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('drops sealed codes 15 minutes after filing, shown or not, and forgets keys after 24 hours', async () => {
    at(0);
    await fileReportOnce(t.ctx, { scope: 'api', key: 'sweep-key-one-0000', input: makeReportInput(), source: 'api' }, { waitForFirst: false });
    at(10);
    await fileReportOnce(t.ctx, { scope: 'api', key: 'sweep-key-two-0000', input: makeReportInput(), source: 'api' }, { waitForFirst: false });
    expect(await sealedCodes()).toBe(2);
    at(15);
    expect((await sweepIntakeSecrets(t.ctx)).codes).toBe(1);
    expect(await sealedCodes()).toBe(1);
    at(25);
    await sweepIntakeSecrets(t.ctx);
    expect(await sealedCodes()).toBe(0);
    expect(await count('intake_receipts')).toBe(2);
    at(24 * 60);
    expect((await sweepIntakeSecrets(t.ctx)).keys).toBe(1);
    at(24 * 60 + 10);
    expect((await sweepIntakeSecrets(t.ctx)).keys).toBe(1);
    expect(await count('intake_receipts')).toBe(0);
  });

  it('forgets rate-limit records after a day', async () => {
    at(0);
    await requestSignInLink(t.ctx, 'sweep@example.org');
    expect(await count('sign_in_link_requests')).toBeGreaterThan(0);
    at(24 * 60);
    expect((await sweepIntakeSecrets(t.ctx)).links).toBeGreaterThan(0);
    expect(await count('sign_in_link_requests')).toBe(0);
  });

  it('marks an address no configured key can open, so the sweep does not try it forever', async () => {
    at(0);
    const report = await fileReportOnce(t.ctx, { scope: 'api', key: 'sweep-key-three-00', input: makeReportInput({ contactEmail: 'gone@example.org' }), source: 'api' }, { waitForFirst: false });
    if (report.kind !== 'filed') throw new Error('not filed');
    // Raw: a row sealed under a key since removed, and from before the index existed.
    const foreign = new FieldCipher(Buffer.alloc(32, 7)).seal('gone@example.org', SEALED.contactEmail);
    await t.ctx.db.updateTable('case_parties').set({ contact_email_enc: foreign, contact_email_index: null }).where('contact_email_enc', 'is not', null).execute();
    expect((await sweepIntakeSecrets(t.ctx)).indexed).toBeGreaterThan(0);
    const rows = await t.ctx.db.selectFrom('case_parties').select('contact_email_index').where('contact_email_enc', '=', foreign).execute();
    expect(rows.map((r) => r.contact_email_index)).toEqual([UNREADABLE_CONTACT]);
    expect((await sweepIntakeSecrets(t.ctx)).indexed).toBe(0);
  });

  it('seals the account names of reporters and targets written in the clear before they were sealed, and leaves reported accounts searchable', async () => {
    at(0);
    const input = makeReportInput({ reporterRole: 'third_party', targetAccount: 'Legacy_Target_Name', reportedAccounts: ['Legacy_Reported_Name'] });
    const report = await fileReportOnce(t.ctx, { scope: 'api', key: 'sweep-key-four-000', input, source: 'api' }, { waitForFirst: false });
    if (report.kind !== 'filed') throw new Error('not filed');
    const caseId = (await t.ctx.db.selectFrom('cases').select('id').where('reference', '=', report.receipt.reference).executeTakeFirstOrThrow()).id;
    const parties = () => t.ctx.db.selectFrom('case_parties').select(['id', 'role', 'username', 'username_enc', 'account_key'])
      .where('case_id', '=', caseId).orderBy('role').execute();
    // Intake seals the target's name already; rewind the row to how a Haven before migration 0038 left it.
    const target = (await parties()).find((p) => p.role === 'target');
    expect(target?.username).toBeNull();
    expect(t.ctx.cipher.open(target?.username_enc ?? '', accountNameContext(target?.id ?? ''))).toBe('Legacy_Target_Name');
    await t.ctx.db.updateTable('case_parties').set({ username: 'Legacy_Target_Name', username_enc: null, account_index: null, account_key: null })
      .where('id', '=', target?.id ?? '').execute();

    expect((await sweepIntakeSecrets(t.ctx)).indexed).toBeGreaterThan(0);
    const after = await parties();
    const [reported, swept] = [after.find((p) => p.role === 'reported'), after.find((p) => p.role === 'target')];
    expect(swept?.username).toBeNull();
    expect(t.ctx.cipher.open(swept?.username_enc ?? '', accountNameContext(swept?.id ?? ''))).toBe('Legacy_Target_Name');
    expect(swept?.account_key).toBe(accountIndex(t.ctx.cipher, 'Legacy_Target_Name'));
    expect(reported).toMatchObject({ role: 'reported', username: 'Legacy_Reported_Name', username_enc: null });
    expect((await sweepIntakeSecrets(t.ctx)).indexed).toBe(0);
  });
});
