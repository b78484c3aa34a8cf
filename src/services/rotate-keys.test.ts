import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { makeCase, makeParty } from '../../tests/support/factories.js';
import { rawDatabaseText } from '../../tests/support/raw-database-text.js';
import { updateParty } from '../db/repositories/party-changes.js';
import { FieldCipher } from './security/field-cipher.js';
import { openContact } from './security/contact-seal.js';
import { accountNameContext, displayNameContext, sealPartyDetails } from './party-details.js';
import { rotateKeys, valuesUnderOlderKeys } from './rotate-keys.js';
import { ROTATED_COLUMNS } from '../db/repositories/key-rotation.js';
import { insertStaffAccount } from '../db/repositories/staff-groups.js';
import { listRecusals } from '../db/repositories/recusals.js';
import { progressPrinter } from '../cli/rotate-key.js';
import { accountIndex } from './security/account-index.js';
import { makeStaff, staffActor } from '../../tests/support/factories.js';
import { markEvidence } from './mark-evidence.js';
import { revealEvidence } from './reveal-evidence.js';
import { evidenceContext } from './security/evidence-seal.js';
import { fileContexts } from './evidence-file-sealing.js';
import { isPlainPacket, openPacket, sealPacket } from './referral-packet-seal.js';
import { SEALED } from './context.js';
import { newId } from '../shared/ids.js';
import type { ReferralPacket } from '../shared/api/referrals.js';

const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);

describe.each(testDialects())('sealed values and key rotation on %s', (dialect) => {
  let t: TestApp;
  let seeded: { caseId: string; partyId: string; address: string; name: string; account: string }[];

  async function seed(count: number): Promise<void> {
    seeded = [];
    for (let i = 0; i < count; i += 1) {
      const address = `reporter.${i}.${randomBytes(3).toString('hex')}@mail.example.org`;
      const kase = await makeCase(t, { contactEmail: address });
      const account = `Witness-account-${i}-${randomBytes(3).toString('hex')}`;
      const party = await makeParty(t, kase.id, { role: 'witness', username: account, contactEmail: `witness.${address}` });
      const name = `Display Name Number ${i} ${randomBytes(3).toString('hex')}`;
      await updateParty(t.ctx.db, kase.id, party.id, sealPartyDetails(t.ctx.cipher, party.id, { displayName: name }, 'witness'), t.ctx.now());
      seeded.push({ caseId: kase.id, partyId: party.id, address: `witness.${address}`, name, account });
    }
  }

  async function partyRow(partyId: string) {
    return t.ctx.db.selectFrom('case_parties').select(['id', 'contact_email_enc', 'display_name_enc', 'account_index', 'account_key', 'username', 'username_enc'])
      .where('id', '=', partyId).executeTakeFirstOrThrow();
  }

  beforeEach(async () => {
    t = await createTestApp(dialect);
    t.ctx.cipher = new FieldCipher(OLD_KEY);
  });
  afterEach(async () => { await t.close(); });

  it('keeps no seeded contact address, display name or witness account name in the clear, in the file or a dump', async () => {
    await seed(3);
    const raw = await rawDatabaseText(t);
    for (const s of seeded) {
      expect(raw).not.toContain(s.address);
      expect(raw).not.toContain(s.name);
      expect(raw).not.toContain(s.account);
    }
    // Evidence marked as personal information is sealed in place; the logged reveal opens it.
    const handler = await staffActor(t, (await makeStaff(t, { role: 'handler' })).id);
    const kase = await t.ctx.db.selectFrom('cases').select(['id', 'reference']).where('id', '=', seeded[0]?.caseId ?? '').executeTakeFirstOrThrow();
    const evidence = await t.ctx.db.selectFrom('evidence').select(['id', 'url']).where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    await markEvidence(t.ctx, handler, kase.reference, { evidenceId: evidence.id, personalInformation: true });
    expect(await rawDatabaseText(t)).not.toContain(evidence.url);
    expect(await revealEvidence(t.ctx, handler, kase.reference, evidence.id)).toBe(evidence.url);
    await markEvidence(t.ctx, handler, kase.reference, { evidenceId: evidence.id, personalInformation: false });
    expect((await t.ctx.db.selectFrom('evidence').select('url').where('id', '=', evidence.id).executeTakeFirstOrThrow()).url).toBe(evidence.url);
    // The account's matching key is its keyed index, not its normal form.
    const row = await partyRow(seeded[0]?.partyId ?? '');
    expect(row.username).toBeNull();
    expect(row.account_key).toBe(accountIndex(t.ctx.cipher, seeded[0]?.account ?? ''));
  });

  it('does not open a ciphertext copied onto another party', async () => {
    await seed(2);
    const [a, b] = seeded;
    if (a === undefined || b === undefined) throw new Error('seed');
    const from = await partyRow(a.partyId);
    await t.ctx.db.updateTable('case_parties').set({ contact_email_enc: from.contact_email_enc, display_name_enc: from.display_name_enc, username_enc: from.username_enc })
      .where('id', '=', b.partyId).execute();
    const moved = await partyRow(b.partyId);
    expect(openContact(t.ctx.cipher, from.contact_email_enc ?? '', a.partyId)).toBe(a.address);
    expect(t.ctx.cipher.open(from.username_enc ?? '', accountNameContext(a.partyId))).toBe(a.account);
    expect(() => openContact(t.ctx.cipher, moved.contact_email_enc ?? '', b.partyId)).toThrow();
    expect(() => t.ctx.cipher.open(moved.display_name_enc ?? '', displayNameContext(b.partyId))).toThrow();
    expect(() => t.ctx.cipher.open(moved.username_enc ?? '', accountNameContext(b.partyId))).toThrow();
  });

  it('re-seals everything under the new key while writes go on, and loses none of them', async () => {
    await seed(12);
    // Evidence marked as personal information before marking sealed it: rotation seals it.
    const legacy = await t.ctx.db.selectFrom('evidence').select(['id', 'url']).where('case_id', '=', seeded[0]?.caseId ?? '').executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('evidence').set({ personal_information: 1 }).where('id', '=', legacy.id).execute();
    t.ctx.cipher = new FieldCipher(NEW_KEY, [OLD_KEY]);
    const latest = new Map(seeded.map((s) => [s.partyId, s.name]));
    let round = 0;
    const rename = async (s: (typeof seeded)[number], name: string) => {
      await updateParty(t.ctx.db, s.caseId, s.partyId, sealPartyDetails(t.ctx.cipher, s.partyId, { displayName: name }, 'witness'), t.ctx.now());
      latest.set(s.partyId, name);
    };
    // Handlers rename parties while the rotation runs (on PostgreSQL on other connections, in
    // between its statements), and also right between its batches.
    const writer = async () => {
      for (let i = 0; i < 30; i += 1) {
        // Even parties only: the renames between batches take the odd ones, so no party has two writers at once.
        const s = seeded[(i * 2) % seeded.length];
        if (s !== undefined) await rename(s, `Concurrent ${i} ${s.partyId.slice(-6)}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const [result] = await Promise.all([rotateKeys(t.ctx, {
      batchSize: 5,
      afterBatch: async () => {
        round += 1;
        for (const s of seeded.filter((_, i) => i % 2 === 1 && i % 3 === round % 3)) await rename(s, `Renamed ${round} ${s.partyId.slice(-6)}`);
      },
    }), writer()]);
    expect(result.resumed).toBe(false);
    expect(result.unreadable).toEqual({});
    expect(await valuesUnderOlderKeys(t.ctx)).toEqual({});
    // The new key alone opens everything, and every value is the last one written.
    const newOnly = new FieldCipher(NEW_KEY);
    const sealedEvidence = await t.ctx.db.selectFrom('evidence').select('url').where('id', '=', legacy.id).executeTakeFirstOrThrow();
    expect(newOnly.open(sealedEvidence.url, evidenceContext(legacy.id))).toBe(legacy.url);
    for (const s of seeded) {
      const row = await partyRow(s.partyId);
      expect(newOnly.open(row.display_name_enc ?? '', displayNameContext(s.partyId))).toBe(latest.get(s.partyId));
      expect(openContact(newOnly, row.contact_email_enc ?? '', s.partyId)).toBe(s.address);
      expect(newOnly.open(row.username_enc ?? '', accountNameContext(s.partyId))).toBe(s.account);
      expect(row.account_index).toBe(accountIndex(newOnly, s.account));
      expect(row.account_key).toBe(row.account_index);
    }
  });

  // A sealed column rotate-key does not walk stays under the old key, and is lost once that key is retired.
  it('walks every sealed column the schema has', async () => {
    const tables = await t.ctx.db.introspection.getTables();
    const sealed = tables.flatMap((table) => table.columns.filter((c) => c.name.endsWith('_enc')).map((c) => `${table.name}.${c.name}`));
    expect(sealed.length).toBeGreaterThan(10);
    expect(sealed.filter((column) => !(column in ROTATED_COLUMNS))).toEqual([]);
  });

  it('re-seals evidence files, venue addresses and referrals, and seals a packet recorded in the clear', async () => {
    const old = t.ctx.cipher;
    const kase = await makeCase(t, {});
    const desk = await t.ctx.db.selectFrom('cases').select('desk_id').where('id', '=', kase.id).executeTakeFirstOrThrow();
    const now = t.ctx.now().toISOString();
    const fileId = newId(Date.now());
    const bytes = randomBytes(3000);
    const where = fileContexts(kase.id, fileId);
    await t.ctx.db.insertInto('evidence_files').values({
      id: fileId, case_id: kase.id, party_id: null, media_type: 'image/png', byte_size: bytes.length, sha256: 'x'.repeat(64),
      name_enc: old.seal('screenshot.png', where.name), content_enc: old.sealBytes(bytes, where.content), added_at: now,
    }).execute();
    const venueContext = `${SEALED.venueAddress}:${desk.desk_id}:trust_and_safety`;
    await t.ctx.db.insertInto('desk_venue_addresses').values({
      desk_id: desk.desk_id, venue: 'trust_and_safety', email_enc: old.seal('venue@example.org', venueContext), updated_at: now, updated_by: null,
    }).execute();
    const packet: ReferralPacket = {
      audience: 'trust_and_safety', reference: kase.reference, summary: 'A summary', reporterUsername: 'Packet_Reporter', reporterContact: true,
      targetUsername: null, evidence: [], timeline: [], leftOut: [],
    };
    const [plainId, sealedId] = [newId(Date.now()), newId(Date.now())];
    for (const [id, stored] of [[plainId, JSON.stringify(packet)], [sealedId, sealPacket(old, sealedId, packet)]] as const) {
      await t.ctx.db.insertInto('case_referrals').values({
        id, case_id: kase.id, venue: 'trust_and_safety', sent_at: now, sent_by: null, packet: stored,
        reporter_contact_enc: old.seal('reporter@example.org', `${SEALED.referralContact}:${id}`),
      }).execute();
    }
    // A handler linked their own wiki account under the old key.
    const linked = await makeStaff(t, { role: 'handler' });
    await insertStaffAccount(t.ctx.db, { userId: linked.id, key: accountIndex(old, 'Handler_Own_Account'), name: 'Handler_Own_Account', now: t.ctx.now() });
    t.ctx.cipher = new FieldCipher(NEW_KEY, [OLD_KEY]);
    expect(Object.keys(await valuesUnderOlderKeys(t.ctx))).toEqual(expect.arrayContaining([
      'evidence_files.name_enc', 'evidence_files.content_enc', 'desk_venue_addresses.email_enc', 'case_referrals.reporter_contact_enc', 'case_referrals.packet',
    ]));
    const result = await rotateKeys(t.ctx, { batchSize: 2 });
    expect(result.unreadable).toEqual({});
    expect(await valuesUnderOlderKeys(t.ctx)).toEqual({});
    // The new key alone opens all of it, each bound where it was.
    const newOnly = new FieldCipher(NEW_KEY);
    const file = await t.ctx.db.selectFrom('evidence_files').select(['name_enc', 'content_enc']).where('id', '=', fileId).executeTakeFirstOrThrow();
    expect(newOnly.open(file.name_enc, where.name)).toBe('screenshot.png');
    expect(newOnly.openBytes(file.content_enc, where.content).equals(bytes)).toBe(true);
    const venue = await t.ctx.db.selectFrom('desk_venue_addresses').select('email_enc').where('desk_id', '=', desk.desk_id).executeTakeFirstOrThrow();
    expect(newOnly.open(venue.email_enc, venueContext)).toBe('venue@example.org');
    for (const id of [plainId, sealedId]) {
      const row = await t.ctx.db.selectFrom('case_referrals').select(['packet', 'reporter_contact_enc']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(isPlainPacket(row.packet)).toBe(false);
      expect(openPacket(newOnly, id, row.packet)).toEqual(packet);
      expect(newOnly.open(row.reporter_contact_enc ?? '', `${SEALED.referralContact}:${id}`)).toBe('reporter@example.org');
    }
    expect(await rawDatabaseText(t)).not.toContain('Packet_Reporter');
    // The linked account is indexed under the new key: with the old key retired, a case naming it still recuses its holder.
    const link = await t.ctx.db.selectFrom('staff_accounts').select('account_key').where('user_id', '=', linked.id).executeTakeFirstOrThrow();
    expect(link.account_key).toBe(accountIndex(newOnly, 'Handler_Own_Account'));
    t.ctx.cipher = newOnly;
    const naming = await makeCase(t, { reportedAccounts: ['handler own account'] });
    expect(await listRecusals(t.ctx.db, naming.id)).toEqual([{ userId: linked.id, source: 'linked_account' }]);
  });

  it('resumes after a run that died midway, without redoing committed batches', async () => {
    await seed(8);
    t.ctx.cipher = new FieldCipher(NEW_KEY, [OLD_KEY]);
    const stale = Object.values(await valuesUnderOlderKeys(t.ctx)).reduce((a, b) => a + b, 0);
    expect(stale).toBeGreaterThan(0);
    let batches = 0;
    await expect(rotateKeys(t.ctx, {
      batchSize: 3,
      afterBatch: () => { batches += 1; return batches === 2 ? Promise.reject(new Error('killed')) : Promise.resolve(); },
    })).rejects.toThrow('killed');
    const steps = await t.ctx.db.selectFrom('key_rotation_steps').select(['step', 'cursor', 'resealed', 'done']).execute();
    const before = steps.reduce((sum, s) => sum + s.resealed, 0);
    expect(before).toBeGreaterThan(0);
    const second = await rotateKeys(t.ctx, { batchSize: 3 });
    expect(second.resumed).toBe(true);
    expect(await valuesUnderOlderKeys(t.ctx)).toEqual({});
    const after = (await t.ctx.db.selectFrom('key_rotation_steps').select('resealed').execute()).reduce((sum, s) => sum + s.resealed, 0);
    // Every value was re-sealed exactly once across both runs (the account index step rewrites each named account once too).
    const named = (await t.ctx.db.selectFrom('case_parties').select('id').where('username', 'is not', null).execute()).length;
    expect(after).toBe(stale + named);
    expect(second.resealed).toBe(after - before);
  });
});

describe('the progress bar', () => {
  it('draws a bar on a terminal and plain lines elsewhere', () => {
    let text = '';
    const tty = Object.assign({ write: (chunk: string) => { text += chunk; return true; } }, { isTTY: true }) as unknown as NodeJS.WriteStream;
    const draw = progressPrinter(tty);
    draw({ step: 'case_parties.contact_email_enc', done: 5, total: 10, stepsDone: 0, steps: 10 });
    expect(text).toContain(`[${'#'.repeat(15)}${'.'.repeat(15)}]  50%`);
    let plain = '';
    const file = { write: (chunk: string) => { plain += chunk; return true; } } as unknown as NodeJS.WritableStream;
    progressPrinter(file)({ step: 'staff_users.email_enc', done: 3, total: 3, stepsDone: 4, steps: 10 });
    expect(plain).toBe('staff_users.email_enc: 3 done (4/10 steps)\n');
  });
});
