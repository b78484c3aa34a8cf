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

/** The `counters` row naming the first keyed entry: entries from it on are linked by HMAC. */
export const KEYED_FROM_COUNTER = 'audit_keyed_from';

/**
 * How entries are linked. Without `mac`, by SHA-256 (the rule of entries written before the
 * chain was keyed, and of tests). With it, by `mac`: an HMAC under a key derived from the
 * secret key, which is not in the database, so someone holding only the database cannot
 * recompute links after editing an entry. `mac` answers one hash per configured key, the
 * current key's first: entries are written with the first, and verify under any.
 */
export interface AuditChain { dialect: DialectName; mac?: ((material: string) => string[]) | undefined }

function chainOf(chain: DialectName | AuditChain): AuditChain {
  return typeof chain === 'string' ? { dialect: chain } : chain;
}

/** What is hashed for an entry: the previous hash and the entry's fields, canonically. */
function linkMaterial(prevHash: string, seq: number, entry: {
  at: string; actorKind: string; actorId: string | null; action: string; caseId: string | null; detail: string;
}): string {
  return `${prevHash}\n${JSON.stringify([seq, entry.at, entry.actorKind, entry.actorId, entry.action, entry.caseId, entry.detail])}`;
}

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
export function appendAudit(db: HavenDb, chain: DialectName | AuditChain, entry: AuditEntry): Promise<void> {
  return appendAuditEntries(db, chain, [entry]);
}

/**
 * Appends entries, in order, to the hash-chained audit log inside the caller's transaction:
 * one lock, one read of the chain's tail and one multi-row insert, however many entries.
 *
 * On PostgreSQL the lock is held until the transaction ends, so every other appender (in
 * this process or another sharing the database) waits from here to COMMIT. Call this as the
 * last write of a transaction: whatever the transaction does after it is done under the lock.
 */
export async function appendAuditEntries(db: HavenDb, chainOrDialect: DialectName | AuditChain, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const chain = chainOf(chainOrDialect);
  const { dialect } = chain;
  // Reading the last link and writing the next must be one unit: outside a transaction two
  // appenders read the same tail and collide on seq (and PostgreSQL's xact lock would be
  // released after its own statement). A caller without a transaction gets one here.
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => appendAuditEntries(trx, chain, entries));
    return;
  }
  // The lock is taken in a statement of its own: in READ COMMITTED each statement reads a
  // snapshot taken when it starts, so the tail must be read by a statement that starts after
  // the lock is granted, when the previous holder's rows are committed and visible.
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7201)`.execute(db);
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let seq = last === undefined ? 0 : last.seq;
  let prevHash = last?.hash ?? GENESIS;
  const mac = chain.mac;
  if (mac !== undefined) {
    // The first keyed entry marks where the keyed rule starts; later appenders find the mark.
    await db.insertInto('counters').values({ name: KEYED_FROM_COUNTER, value: seq + 1 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  }
  const rows = entries.map((entry) => {
    seq += 1;
    const row = {
      at: entry.at.toISOString(), actorKind: entry.actorKind, actorId: entry.actorId, action: entry.action,
      caseId: entry.caseId, detail: JSON.stringify(entry.detail),
    };
    const hash = mac === undefined ? auditEntryHash(prevHash, seq, row) : firstOf(mac(linkMaterial(prevHash, seq, row)));
    const stored = {
      seq, at: row.at, actor_kind: row.actorKind, actor_id: row.actorId, action: row.action, case_id: row.caseId,
      detail: row.detail, prev_hash: prevHash, hash,
    };
    prevHash = hash;
    return stored;
  });
  await db.insertInto('audit_log').values(rows).execute();
}

function firstOf(hashes: string[]): string {
  const [first] = hashes;
  if (first === undefined) throw new Error('The audit chain has no key.');
  return first;
}

/**
 * The result of a walk. `keyedFrom`: the first keyed entry (null: none yet). `unchecked`: keyed
 * entries whose hash could not be recomputed because no key was given (their links to each
 * other were still followed); with the key it is 0. `last`: the hash of the last entry.
 */
export type AuditVerification =
  | { ok: true; entries: number; keyedFrom: number | null; unchecked: number; last: string }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks the whole chain in order and checks every link; with `mac`, keyed entries are recomputed too. */
export async function verifyAuditChain(db: HavenDb, pageSize = 1000, mac?: (material: string) => string[]): Promise<AuditVerification> {
  const mark = await db.selectFrom('counters').select('value').where('name', '=', KEYED_FROM_COUNTER).executeTakeFirst();
  const keyedFrom = mark?.value ?? null;
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let unchecked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor_kind', 'actor_id', 'action', 'case_id', 'detail', 'prev_hash', 'hash'])
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, entries: expectedSeq - 1, keyedFrom, unchecked, last: prevHash };
    for (const r of rows) {
      const seq = r.seq;
      if (seq !== expectedSeq) return { ok: false, entries: expectedSeq - 1, brokenAt: expectedSeq, reason: 'missing entry' };
      const at = toDate(r.at).toISOString();
      const fields = { at, actorKind: r.actor_kind, actorId: r.actor_id, action: r.action, caseId: r.case_id, detail: r.detail };
      const keyed = keyedFrom !== null && seq >= keyedFrom;
      let matches: boolean;
      if (!keyed) matches = r.hash === auditEntryHash(prevHash, seq, fields);
      else if (mac === undefined) {
        unchecked += 1;
        matches = true;
      } else matches = mac(linkMaterial(prevHash, seq, fields)).includes(r.hash);
      if (r.prev_hash !== prevHash || !matches) {
        return { ok: false, entries: expectedSeq - 1, brokenAt: seq, reason: 'hash mismatch' };
      }
      prevHash = r.hash;
      expectedSeq += 1;
    }
  }
}

/** The chain's head: how many entries, the last one's hash, and where the keyed rule starts. */
export interface AuditHead { entries: number; hash: string; keyedFrom: number | null }

/** The head as stored now: one read of the last entry and the keyed mark (cheap, whatever the log's length). */
export async function readAuditHead(db: HavenDb): Promise<AuditHead> {
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const mark = await db.selectFrom('counters').select('value').where('name', '=', KEYED_FROM_COUNTER).executeTakeFirst();
  return { entries: last?.seq ?? 0, hash: last?.hash ?? GENESIS, keyedFrom: mark?.value ?? null };
}

/** The stored hash of entry `seq`, or null when there is no such entry. */
export async function auditHashAt(db: HavenDb, seq: number): Promise<string | null> {
  const row = await db.selectFrom('audit_log').select('hash').where('seq', '=', seq).executeTakeFirst();
  return row?.hash ?? null;
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
