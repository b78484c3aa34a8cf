import { sql } from 'kysely';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';
import type { PartyRole } from '../../domain/case-parts.js';

/** The columns of a party a handler may change; an absent key is left as it is. */
export interface PartyPatch {
  role?: PartyRole;
  /** Set together: the name in the clear (a reported person's) or sealed (anyone else's), and its index. */
  username?: string | null;
  usernameEnc?: string | null;
  accountIndex?: string | null;
  displayNameEnc?: string | null;
  contactEmailEnc?: string | null;
  contactEmailIndex?: string | null;
}

/** Changes one party of one case; the case id in the WHERE keeps a party id from another case out. */
export async function updateParty(db: HavenDb, caseId: string, partyId: string, patch: PartyPatch, now: Date): Promise<void> {
  await db
    .updateTable('case_parties')
    .set({
      ...(patch.role === undefined ? {} : { role: patch.role }),
      ...(patch.username === undefined ? {} : { username: patch.username, username_enc: patch.usernameEnc ?? null, account_index: patch.accountIndex ?? null, account_key: patch.accountIndex ?? null }),
      ...(patch.displayNameEnc === undefined ? {} : { display_name_enc: patch.displayNameEnc }),
      ...(patch.contactEmailEnc === undefined ? {} : { contact_email_enc: patch.contactEmailEnc, contact_email_index: patch.contactEmailIndex ?? null }),
      updated_at: now.toISOString(),
    })
    .where('case_id', '=', caseId)
    .where('id', '=', partyId)
    .execute();
}

/** Removes one party of one case (its consent and wishes go with it, by cascade). */
export async function deleteParty(db: HavenDb, caseId: string, partyId: string): Promise<void> {
  await db.deleteFrom('case_parties').where('case_id', '=', caseId).where('id', '=', partyId).execute();
}

/** Whether a party has a thread (any message addressed to them or from them). */
export async function partyHasThread(db: HavenDb, caseId: string, partyId: string): Promise<boolean> {
  const row = await db.selectFrom('messages').select('id')
    .where('case_id', '=', caseId).where('audience', '=', `party:${partyId}`).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * The query of listUnsealedAccountNames, written as the partial index's own condition
 * (migration 0038), which SQLite is told to use: the index holds only the names still to seal.
 */
export function unsealedAccountNamesQuery(dialect: DialectName, limit: number) {
  const hint = dialect === 'sqlite' ? sql`INDEXED BY case_parties_name_unsealed` : sql``;
  return sql<{ id: string; role: string; username: string }>`SELECT id, role, username FROM case_parties ${hint}
    WHERE username IS NOT NULL AND role <> 'reported' LIMIT ${limit}`;
}

/** Account names of parties who are not reported persons still in the clear (written before migration 0038), a batch at a time. */
export async function listUnsealedAccountNames(db: HavenDb, dialect: DialectName, limit: number): Promise<{ partyId: string; username: string }[]> {
  const { rows } = await unsealedAccountNamesQuery(dialect, limit).execute(db);
  return rows.map((r) => ({ partyId: r.id, username: r.username }));
}

/**
 * Replaces a party's clear account name with its sealed form and its blind index, unless the
 * name or the role changed meanwhile (a handler's edit stores the name as its new role asks).
 */
export async function sealAccountNameRow(db: HavenDb, partyId: string, username: string, sealed: string, index: string): Promise<void> {
  await db.updateTable('case_parties').set({ username: null, username_enc: sealed, account_index: index, account_key: index })
    .where('id', '=', partyId).where('username', '=', username).where('role', '<>', 'reported').execute();
}
