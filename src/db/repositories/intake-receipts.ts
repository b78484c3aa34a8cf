import type { HavenDb } from '../connection.js';
import { toDate, toDateOrNull } from '../schema.js';

/** An idempotency key's row as intake writes it, in the report's own transaction. */
export interface NewIntakeReceipt {
  id: string;
  fingerprint: string;
  caseId: string;
  codeEnc: string;
  codeUntil: Date;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Claims keys for the reports of one batch and returns the ids it got. A key is free when no
 * row has it or its row has expired (then the row is taken over). A key another transaction
 * holds uncommitted makes PostgreSQL wait for that transaction: it then either commits (the key
 * is not ours) or rolls back (it is). Rows go in id order, so two batches sharing keys lock them
 * in the same order and cannot deadlock. The caller passes each id at most once.
 */
export async function claimIntakeKeys(trx: HavenDb, rows: NewIntakeReceipt[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const claimed = await trx
    .insertInto('intake_receipts')
    .values(sorted.map((r) => ({
      id: r.id, fingerprint: r.fingerprint, case_id: r.caseId, code_enc: r.codeEnc, code_until: r.codeUntil.toISOString(),
      code_shown_at: null, created_at: r.createdAt.toISOString(), expires_at: r.expiresAt.toISOString(),
    })))
    .onConflict((oc) => oc.column('id')
      .doUpdateSet((eb) => ({
        fingerprint: eb.ref('excluded.fingerprint'), case_id: eb.ref('excluded.case_id'), code_enc: eb.ref('excluded.code_enc'),
        code_until: eb.ref('excluded.code_until'), code_shown_at: null, created_at: eb.ref('excluded.created_at'),
        expires_at: eb.ref('excluded.expires_at'),
      }))
      .where((eb) => eb('intake_receipts.expires_at', '<=', eb.ref('excluded.created_at'))))
    .returning('id')
    .execute();
  return new Set(claimed.map((r) => r.id));
}

/** What a remembered key filed, with what its receipt shows. */
export interface IntakeReceiptRow {
  id: string;
  fingerprint: string;
  reference: string;
  codeEnc: string | null;
  codeUntil: Date;
  codeShownAt: Date | null;
  immediateDanger: boolean;
  firstResponseDueAt: Date;
  /** The reporter left an address, so a receipt email was queued. */
  emailQueued: boolean;
}

/** The live row of any of `ids` (one key hashed under each configured secret key), or null. */
export async function findIntakeReceipt(db: HavenDb, ids: string[], now: Date): Promise<IntakeReceiptRow | null> {
  const row = await db
    .selectFrom('intake_receipts')
    .innerJoin('cases', 'cases.id', 'intake_receipts.case_id')
    .select((eb) => [
      'intake_receipts.id', 'intake_receipts.fingerprint', 'cases.reference', 'intake_receipts.code_enc', 'intake_receipts.code_until',
      'intake_receipts.code_shown_at', 'cases.immediate_danger', 'cases.first_response_due_at',
      eb.exists(eb.selectFrom('case_parties').select('case_parties.id').whereRef('case_parties.case_id', '=', 'cases.id')
        .where('case_parties.role', '=', 'reporter').where('case_parties.contact_email_enc', 'is not', null)).as('email_queued'),
    ])
    .where('intake_receipts.id', 'in', ids)
    .where('intake_receipts.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.id, fingerprint: row.fingerprint, reference: row.reference, codeEnc: row.code_enc, codeUntil: toDate(row.code_until),
    codeShownAt: toDateOrNull(row.code_shown_at), immediateDanger: row.immediate_danger === 1,
    firstResponseDueAt: toDate(row.first_response_due_at),
    // SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
    emailQueued: Boolean(row.email_queued),
  };
}

/**
 * Takes the sealed code out of a receipt to show it: clears it and records when. Only one
 * caller can: the update names the sealed value it read, so of two pages asking at once, one
 * gets the code and the other finds it gone.
 */
export async function takeIntakeCode(db: HavenDb, input: { id: string; codeEnc: string; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('intake_receipts')
    .set({ code_enc: null, code_shown_at: input.now.toISOString() })
    .where('id', '=', input.id)
    .where('code_enc', '=', input.codeEnc)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Drops sealed codes past their time and forgets expired keys; returns how many of each. */
export async function purgeIntakeReceipts(db: HavenDb, now: Date): Promise<{ codes: number; keys: number }> {
  const iso = now.toISOString();
  const codes = await db.updateTable('intake_receipts').set({ code_enc: null })
    .where('code_enc', 'is not', null).where('code_until', '<=', iso).executeTakeFirst();
  const keys = await db.deleteFrom('intake_receipts').where('expires_at', '<=', iso).executeTakeFirst();
  return { codes: Number(codes.numUpdatedRows), keys: Number(keys.numDeletedRows) };
}
