import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import {
  isAuditAction, isAuditActorKind, type AuditAction, type AuditActorKind, type AuditDetails,
} from '../../domain/audit-actions.js';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';
import { storedValue } from './stored-value.js';
import { toDate } from '../schema.js';

/** An entry to append: one of the audit actions (src/domain/audit-actions.ts) with its own detail. */
export type AuditEntry = {
  [A in AuditAction]: { at: Date; actorKind: AuditActorKind; actorId: string | null; action: A; caseId: string | null; detail: AuditDetails[A] };
}[AuditAction];

const GENESIS = '0'.repeat(64);

/** The hash that links an entry to the one before it. */
export function auditEntryHash(prevHash: string, seq: number, entry: {
  at: string; actorKind: string; actorId: string | null; action: string; caseId: string | null; detail: string;
}): string {
  const canonical = JSON.stringify([seq, entry.at, entry.actorKind, entry.actorId, entry.action, entry.caseId, entry.detail]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * Appends an entry to the hash-chained audit log, inside the caller's transaction.
 * On PostgreSQL a transaction-scoped advisory lock serialises appenders so the chain
 * never forks; SQLite already admits one writer at a time.
 */
export function appendAudit(db: HavenDb, dialect: DialectName, entry: AuditEntry): Promise<void> {
  return appendAuditEntries(db, dialect, [entry]);
}

/**
 * Appends entries, in order, to the hash-chained audit log inside the caller's transaction:
 * one lock, one read of the chain's tail and one multi-row insert, however many entries.
 *
 * On PostgreSQL the lock is held until the transaction ends, so every other appender (in
 * this process or another sharing the database) waits from here to COMMIT. Call this as the
 * last write of a transaction: whatever the transaction does after it is done under the lock.
 */
export async function appendAuditEntries(db: HavenDb, dialect: DialectName, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // Reading the last link and writing the next must be one unit: outside a transaction two
  // appenders read the same tail and collide on seq (and PostgreSQL's xact lock would be
  // released after its own statement). A caller without a transaction gets one here.
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => appendAuditEntries(trx, dialect, entries));
    return;
  }
  // The lock is taken in a statement of its own: in READ COMMITTED each statement reads a
  // snapshot taken when it starts, so the tail must be read by a statement that starts after
  // the lock is granted, when the previous holder's rows are committed and visible.
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7201)`.execute(db);
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let seq = last === undefined ? 0 : last.seq;
  let prevHash = last?.hash ?? GENESIS;
  const rows = entries.map((entry) => {
    seq += 1;
    const row = {
      at: entry.at.toISOString(), actorKind: entry.actorKind, actorId: entry.actorId, action: entry.action,
      caseId: entry.caseId, detail: JSON.stringify(entry.detail),
    };
    const hash = auditEntryHash(prevHash, seq, row);
    const stored = {
      seq, at: row.at, actor_kind: row.actorKind, actor_id: row.actorId, action: row.action, case_id: row.caseId,
      detail: row.detail, prev_hash: prevHash, hash,
    };
    prevHash = hash;
    return stored;
  });
  await db.insertInto('audit_log').values(rows).execute();
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks the whole chain in order and checks every link. */
export async function verifyAuditChain(db: HavenDb, pageSize = 1000): Promise<AuditVerification> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor_kind', 'actor_id', 'action', 'case_id', 'detail', 'prev_hash', 'hash'])
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, entries: expectedSeq - 1 };
    for (const r of rows) {
      const seq = r.seq;
      if (seq !== expectedSeq) return { ok: false, entries: expectedSeq - 1, brokenAt: expectedSeq, reason: 'missing entry' };
      const at = toDate(r.at).toISOString();
      const expected = auditEntryHash(prevHash, seq, {
        at, actorKind: r.actor_kind, actorId: r.actor_id, action: r.action, caseId: r.case_id, detail: r.detail,
      });
      if (r.prev_hash !== prevHash || r.hash !== expected) {
        return { ok: false, entries: expectedSeq - 1, brokenAt: seq, reason: 'hash mismatch' };
      }
      prevHash = r.hash;
      expectedSeq += 1;
    }
  }
}

export interface AuditRow { seq: number; action: AuditAction; actorKind: AuditActorKind; actorId: string | null; caseId: string | null; at: Date }

/** Audit entries about one case, oldest first. */
export async function listAuditForCase(db: HavenDb, caseId: string): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['seq', 'action', 'actor_kind', 'actor_id', 'case_id', 'at'])
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: r.seq, action: storedValue(r.action, isAuditAction, 'audit_log.action'),
    actorKind: storedValue(r.actor_kind, isAuditActorKind, 'audit_log.actor_kind'), actorId: r.actor_id, caseId: r.case_id, at: toDate(r.at),
  }));
}
