import { sql } from 'kysely';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';

/** Records one "I lost my code" request under the address's blind index, for the rate limit. */
export async function recordSignInLinkRequest(db: HavenDb, row: { id: string; addressIndex: string; at: Date }): Promise<void> {
  await db.insertInto('sign_in_link_requests').values({ id: row.id, address_index: row.addressIndex, at: row.at.toISOString() }).execute();
}

/** Requests for an address (under any of its indexes) since a moment. */
export async function countSignInLinkRequests(db: HavenDb, addressIndexes: string[], since: Date): Promise<number> {
  const row = await db
    .selectFrom('sign_in_link_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('address_index', 'in', addressIndexes)
    .where('at', '>', since.toISOString())
    .executeTakeFirstOrThrow();
  return row.n;
}

/** A live access code held by a party who left this address: where a sign-in link may lead. */
export interface ContactAccess { accessId: string; caseId: string; partyId: string; language: string }

/** Live accesses of parties whose address has one of these indexes, most recent case first. */
export async function findAccessesByContactIndex(db: HavenDb, indexes: string[], limit: number): Promise<ContactAccess[]> {
  const rows = await db
    .selectFrom('case_parties')
    .innerJoin('reporter_access', 'reporter_access.party_id', 'case_parties.id')
    .innerJoin('cases', 'cases.id', 'case_parties.case_id')
    .select(['reporter_access.id as access_id', 'cases.id as case_id', 'case_parties.id as party_id', 'cases.language', 'cases.received_at'])
    .where('case_parties.contact_email_index', 'in', indexes)
    .where('reporter_access.revoked_at', 'is', null)
    .orderBy('cases.received_at', 'desc')
    .orderBy('reporter_access.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ accessId: r.access_id, caseId: r.case_id, partyId: r.party_id, language: r.language }));
}

/** Stores sign-in links by the hash of their token. */
export async function insertSignInLinks(db: HavenDb, rows: { id: string; accessId: string; createdAt: Date; expiresAt: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('reporter_sign_in_links').values(rows.map((r) => ({
    id: r.id, access_id: r.accessId, created_at: r.createdAt.toISOString(), expires_at: r.expiresAt.toISOString(), used_at: null,
  }))).execute();
}

/**
 * Uses a sign-in link: marks it used if it is unused and unexpired, in one conditional UPDATE,
 * so two clicks at once cannot both sign in. Returns the access it leads to, or null.
 */
export async function useSignInLink(db: HavenDb, input: { id: string; now: Date }): Promise<{ accessId: string } | null> {
  const row = await db
    .updateTable('reporter_sign_in_links')
    .set({ used_at: input.now.toISOString() })
    .where('id', '=', input.id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', input.now.toISOString())
    .returning('access_id')
    .executeTakeFirst();
  return row === undefined ? null : { accessId: row.access_id };
}

/** Forgets links past their time and requests older than `requestsBefore`; returns how many rows went. */
export async function purgeSignInLinks(db: HavenDb, input: { now: Date; requestsBefore: Date }): Promise<number> {
  const links = await db.deleteFrom('reporter_sign_in_links').where('expires_at', '<=', input.now.toISOString()).executeTakeFirst();
  const requests = await db.deleteFrom('sign_in_link_requests').where('at', '<=', input.requestsBefore.toISOString()).executeTakeFirst();
  return Number(links.numDeletedRows) + Number(requests.numDeletedRows);
}

/** Sealed contact addresses that have no blind index yet (written before migration 0015), a batch at a time. */
export async function listUnindexedContacts(db: HavenDb, limit: number): Promise<{ partyId: string; contactEmailEnc: string }[]> {
  const rows = await db
    .selectFrom('case_parties')
    .select(['id', 'contact_email_enc'])
    .where('contact_email_enc', 'is not', null)
    .where('contact_email_index', 'is', null)
    .limit(limit)
    .execute();
  return rows.flatMap((r) => (r.contact_email_enc === null ? [] : [{ partyId: r.id, contactEmailEnc: r.contact_email_enc }]));
}

/**
 * The query of listUnindexedAccounts, written as the partial index's own condition (migration
 * 0037). SQLite is told to use that index: without statistics it would otherwise walk
 * `case_parties_account_key` for every party without a key, which is most of them.
 */
export function unindexedAccountsQuery(dialect: DialectName, limit: number) {
  const hint = dialect === 'sqlite' ? sql`INDEXED BY case_parties_account_unindexed` : sql``;
  return sql<{ id: string; username: string | null }>`SELECT id, username FROM case_parties ${hint}
    WHERE username IS NOT NULL AND account_key IS NULL LIMIT ${limit}`;
}

/** Parties naming an account that has no blind index yet (written before it was kept), a batch at a time. */
export async function listUnindexedAccounts(db: HavenDb, dialect: DialectName, limit: number): Promise<{ partyId: string; username: string }[]> {
  const { rows } = await unindexedAccountsQuery(dialect, limit).execute(db);
  return rows.flatMap((r) => (r.username === null ? [] : [{ partyId: r.id, username: r.username }]));
}

/** Writes a party's account index (both the index and the matching key), unless the account changed meanwhile. */
export async function setAccountIndex(db: HavenDb, partyId: string, username: string, index: string): Promise<void> {
  await db.updateTable('case_parties').set({ account_index: index, account_key: index })
    .where('id', '=', partyId).where('username', '=', username).where('account_key', 'is', null).execute();
}

/** Writes a party's blind index, unless one was written meanwhile. */
export async function setContactIndex(db: HavenDb, partyId: string, index: string): Promise<void> {
  await db.updateTable('case_parties').set({ contact_email_index: index }).where('id', '=', partyId).where('contact_email_index', 'is', null).execute();
}
