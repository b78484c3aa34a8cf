import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../tests/support/test-app.js';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';
import { appendAudit, appendAuditEntries, auditEntryHash, verifyAuditChain, type AuditEntry } from './audit-log.js';

const start = Date.parse('2026-03-02T10:00:00.000Z');

function entry(i: number): AuditEntry {
  const base = {
    at: new Date(start + i * 1000), actorKind: i % 3 === 0 ? 'staff' : 'public', actorId: i % 3 === 0 ? `staff-${i}` : null,
    caseId: i % 2 === 0 ? `case-${i}` : null,
  } as const;
  // Real actions with their own details; every detail names i, so no two entries are alike.
  return i % 2 === 0
    ? { ...base, action: 'staff.sign_in_failed', detail: { username: `entry ${i} é ✓` } }
    : { ...base, action: 'reporting.counts_viewed', detail: { from: `entry ${i}`, to: 'é ✓', publication: i % 3 === 0 } };
}

async function appendMany(db: HavenDb, dialect: DialectName, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i += 1) {
    await db.transaction().execute((trx) => appendAudit(trx, dialect, entry(i)));
  }
}

/** Lifts the append-only guard, as someone with direct access to the database could. */
async function liftGuard(db: HavenDb, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db);
  } else {
    await sql`DROP TRIGGER audit_log_no_update`.execute(db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
  }
}

describe.each(testDialects())('the audit log on %s', (dialect) => {
  let database: TestDatabase;
  let db: HavenDb;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    db = database.handle.db;
  });
  afterEach(async () => { await database.dispose(); });

  it('verifies an empty log', async () => {
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 0 });
  });

  it('verifies after many writes, across page boundaries', async () => {
    const count = 257;
    await appendMany(db, dialect, 1, count);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: count });
    // Small pages make the walk cross many page boundaries; the answer must not change.
    for (const pageSize of [1, 7, 256, count, count + 1]) expect(await verifyAuditChain(db, pageSize)).toMatchObject({ ok: true, entries: count });
    const rows = await db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    rows.forEach((row, i) => { if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]?.hash); });
  });

  it('keeps one unbroken chain when many writers append at once', async () => {
    const count = 40;
    await Promise.all(Array.from({ length: count }, (_, i) => db.transaction().execute((trx) => appendAudit(trx, dialect, entry(i)))));
    // Callers without a transaction of their own get one.
    await Promise.all(Array.from({ length: count }, (_, i) => appendAudit(db, dialect, entry(count + i))));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 2 * count });
  });

  it('appends a batch as consecutive links, in order, while single appenders write at the same time', async () => {
    const batches = [0, 1, 2, 3].map((b) => Array.from({ length: 25 }, (_, i) => entry(1000 + b * 100 + i)));
    await Promise.all([
      ...batches.map((batch) => db.transaction().execute((trx) => appendAuditEntries(trx, dialect, batch))),
      ...Array.from({ length: 20 }, (_, i) => appendAudit(db, dialect, entry(i))),
    ]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 120 });
    for (const batch of batches) {
      const details = batch.map((e) => JSON.stringify(e.detail));
      const rows = await db.selectFrom('audit_log').select(['seq', 'detail']).where('detail', 'in', details).orderBy('seq').execute();
      expect(rows.map((r) => r.detail)).toEqual(details);
      expect(rows.at(-1)!.seq - rows[0]!.seq).toBe(batch.length - 1);
    }
    await appendAuditEntries(db, dialect, []);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 120 });
  });

  // Raw UPDATE and DELETE on purpose, here and below: these tests tamper with the log.
  it('refuses UPDATE and DELETE in the database itself', async () => {
    await appendMany(db, dialect, 1, 3);
    await expect(db.updateTable('audit_log').set({ action: 'forged' }).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable('audit_log').set({ detail: '{}' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 3 });
    const action = await db.selectFrom('audit_log').select('action').where('seq', '=', 2).executeTakeFirstOrThrow();
    expect(action.action).toBe(entry(2).action);
  });

  describe('with the guard lifted', () => {
    const count = 30;
    beforeEach(async () => {
      await appendMany(db, dialect, 1, count);
      await liftGuard(db, dialect);
    });

    it.each([5, 1, 30])('detects an edited detail at seq %i', async (seq) => {
      await db.updateTable('audit_log').set({ detail: JSON.stringify({ i: seq, note: 'rewritten' }) }).where('seq', '=', seq).execute();
      expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: seq - 1, brokenAt: seq, reason: 'hash mismatch' });
      expect(await verifyAuditChain(db, 4)).toMatchObject({ ok: false, brokenAt: seq });
    });

    it('detects an edited timestamp and an edited actor', async () => {
      await db.updateTable('audit_log').set({ at: new Date(start - 1).toISOString() }).where('seq', '=', 12).execute();
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 12 });
      await db.updateTable('audit_log').set({ actor_id: 'someone-else' }).where('seq', '=', 9).execute();
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 9 });
    });

    it('detects a deleted entry in the middle', async () => {
      await db.deleteFrom('audit_log').where('seq', '=', 17).execute();
      expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 16, brokenAt: 17, reason: 'missing entry' });
    });

    it('detects an edit whose own hash was recomputed, at the entry after it', async () => {
      const seq = 20;
      const row = await db.selectFrom('audit_log').select(['at', 'actor_kind', 'actor_id', 'case_id', 'prev_hash']).where('seq', '=', seq).executeTakeFirstOrThrow();
      const forged = {
        at: new Date(row.at).toISOString(), actorKind: row.actor_kind, actorId: row.actor_id, action: 'forged.action',
        caseId: row.case_id, detail: '{}',
      };
      await db.updateTable('audit_log')
        .set({ action: forged.action, detail: forged.detail, hash: auditEntryHash(row.prev_hash, seq, forged) })
        .where('seq', '=', seq).execute();
      expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: seq, brokenAt: seq + 1, reason: 'hash mismatch' });
    });
  });
});
