import { sql } from 'kysely';
import type { HavenDb } from '../connection.js';

/**
 * Every column `haven rotate-key` walks: where it lives, the row's id column, and the column it
 * reads. Names come only from this list, never from input, so the dynamic SQL below is fixed.
 * A value bound to more than its row's id (a file to its case, a venue address to its desk and
 * venue) names a `key`: a fixed expression joining those columns, which is then the row's id
 * for the walk (its cursor, its update) and exactly what the seal's context ends with.
 */
export const ROTATED_COLUMNS = {
  'case_parties.contact_email_enc': { table: 'case_parties', id: 'id', column: 'contact_email_enc' },
  'case_parties.display_name_enc': { table: 'case_parties', id: 'id', column: 'display_name_enc' },
  'case_parties.username': { table: 'case_parties', id: 'id', column: 'username' },
  'case_parties.username_enc': { table: 'case_parties', id: 'id', column: 'username_enc' },
  'staff_users.email_enc': { table: 'staff_users', id: 'id', column: 'email_enc' },
  'staff_users.totp_secret_enc': { table: 'staff_users', id: 'id', column: 'totp_secret_enc' },
  'staff_users.totp_pending_enc': { table: 'staff_users', id: 'id', column: 'totp_pending_enc' },
  'intake_receipts.code_enc': { table: 'intake_receipts', id: 'id', column: 'code_enc' },
  'staff_invitations.email_enc': { table: 'staff_invitations', id: 'id', column: 'email_enc' },
  'desk_emergency_settings.contact_email_enc': { table: 'desk_emergency_settings', id: 'desk_id', column: 'contact_email_enc' },
  'desk_emergency_settings.fallback_email_enc': { table: 'desk_emergency_settings', id: 'desk_id', column: 'fallback_email_enc' },
  // Only evidence marked as personal information is sealed; the rest stays a plain link.
  'evidence.url': { table: 'evidence', id: 'id', column: 'url', flag: 'personal_information' },
  'evidence_files.name_enc': { table: 'evidence_files', id: 'id', column: 'name_enc', key: "case_id || ':' || id" },
  'evidence_files.content_enc': { table: 'evidence_files', id: 'id', column: 'content_enc', key: "case_id || ':' || id" },
  'desk_venue_addresses.email_enc': { table: 'desk_venue_addresses', id: 'desk_id', column: 'email_enc', key: "desk_id || ':' || venue" },
  'case_referrals.reporter_contact_enc': { table: 'case_referrals', id: 'id', column: 'reporter_contact_enc' },
  'case_referrals.packet': { table: 'case_referrals', id: 'id', column: 'packet' },
  // A staff member's linked account: the name is kept, its blind index rewritten (the walk's id does not include the index, which changes).
  'staff_accounts.account_name': { table: 'staff_accounts', id: 'user_id', column: 'account_name', key: "user_id || ':' || account_name" },
} as const;

/** The row's id in the walk: its id column, or the fixed expression its seal is bound to. */
function rowKey(which: RotatedColumn) {
  const spec = ROTATED_COLUMNS[which];
  return 'key' in spec ? sql.raw(`(${spec.key})`) : sql.ref(spec.id);
}

/** The extra condition of a column whose values are sealed only on flagged rows. */
function flagged(which: RotatedColumn) {
  const spec = ROTATED_COLUMNS[which];
  return 'flag' in spec ? sql`AND ${sql.ref(spec.flag)} = 1` : sql``;
}

export type RotatedColumn = keyof typeof ROTATED_COLUMNS;

/** Blind-index columns rotate-key rewrites beside a value (derived from the value, so rewritten with it), by table. */
export const INDEX_COLUMNS: Readonly<Record<string, readonly IndexColumn[]>> = {
  case_parties: ['contact_email_index', 'account_index', 'account_key'],
  staff_accounts: ['account_key'],
};
export type IndexColumn = 'contact_email_index' | 'account_index' | 'account_key';

/** How many rows hold a value in the column. */
export async function countRotated(db: HavenDb, which: RotatedColumn): Promise<number> {
  const { table, column } = ROTATED_COLUMNS[which];
  const result = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} IS NOT NULL ${flagged(which)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** The next rows holding a value, by id, after `after`: keyset order, so a resumed run goes on where it stopped. */
export async function readRotatedBatch(db: HavenDb, which: RotatedColumn, after: string | null, limit: number): Promise<{ id: string; value: string }[]> {
  const { table, column } = ROTATED_COLUMNS[which];
  const id = rowKey(which);
  const from = after === null ? sql`` : sql`AND ${id} > ${after}`;
  const result = await sql<{ id: string; value: string }>`
    SELECT ${id} AS id, ${sql.ref(column)} AS value FROM ${sql.table(table)}
    WHERE ${sql.ref(column)} IS NOT NULL ${flagged(which)} ${from} ORDER BY ${id} LIMIT ${limit}`.execute(db);
  return result.rows;
}

/**
 * Replaces a value only if it is still the one read: a write that landed meanwhile (under the
 * current key already) wins and is left alone. Returns whether the row changed.
 */
export async function replaceRotated(
  db: HavenDb, which: RotatedColumn, rowId: string, old: string, next: string, indexes: Partial<Record<IndexColumn, string>> = {},
): Promise<boolean> {
  const { table, column } = ROTATED_COLUMNS[which];
  const sets = [sql`${sql.ref(column)} = ${next}`];
  for (const [name, value] of Object.entries(indexes)) {
    // Only the fixed index columns of the value's own table, by name from INDEX_COLUMNS.
    if (INDEX_COLUMNS[table]?.includes(name as IndexColumn) === true) sets.push(sql`${sql.ref(name)} = ${value}`);
  }
  const result = await sql`UPDATE ${sql.table(table)} SET ${sql.join(sets)} WHERE ${rowKey(which)} = ${rowId} AND ${sql.ref(column)} = ${old}`.execute(db);
  return Number(result.numAffectedRows ?? 0n) > 0;
}

export interface RotationStep { step: string; cursor: string | null; resealed: number; done: boolean }

/** The steps recorded so far for the rotation to `keyId`. */
export async function readRotationSteps(db: HavenDb, keyId: string): Promise<Map<string, RotationStep>> {
  const rows = await db.selectFrom('key_rotation_steps').select(['step', 'cursor', 'resealed', 'done']).where('key_id', '=', keyId).execute();
  return new Map(rows.map((r) => [r.step, { step: r.step, cursor: r.cursor, resealed: r.resealed, done: r.done === 1 }]));
}

/** Records where a step stands; called in the transaction of the batch it follows. */
export async function saveRotationStep(db: HavenDb, keyId: string, step: RotationStep, at: Date): Promise<void> {
  const values = { cursor: step.cursor, resealed: step.resealed, done: step.done ? 1 : 0, updated_at: at.toISOString() };
  await db.insertInto('key_rotation_steps').values({ key_id: keyId, step: step.step, ...values })
    .onConflict((oc) => oc.columns(['key_id', 'step']).doUpdateSet(values)).execute();
}
