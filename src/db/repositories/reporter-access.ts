import type { HavenDb } from '../connection.js';
import type { PendingInsert } from './insert-together.js';
import { toDate } from '../schema.js';

export interface NewReporterAccess { id: string; caseId: string; partyId: string; codeHash: string; createdAt: Date }

/** Stores the hash of a reporter's access code. */
export async function insertReporterAccess(db: HavenDb, row: NewReporterAccess): Promise<void> {
  await insertReporterAccessQuery(db, [row])?.execute();
}

/** The INSERT of access-code hashes, not yet run (see insert-together.ts); null when there are none. */
export function insertReporterAccessQuery(db: HavenDb, rows: NewReporterAccess[]): PendingInsert | null {
  if (rows.length === 0) return null;
  return db
    .insertInto('reporter_access')
    .values(rows.map((row) => ({
      id: row.id, case_id: row.caseId, party_id: row.partyId, code_hash: row.codeHash,
      created_at: row.createdAt.toISOString(), revoked_at: null,
    })));
}

export interface AccessRow { id: string; caseId: string; partyId: string }

/** Finds live access by the hash of a code. */
export async function findAccessByCodeHash(db: HavenDb, codeHash: string): Promise<AccessRow | null> {
  const row = await db
    .selectFrom('reporter_access')
    .select(['id', 'case_id', 'party_id'])
    .where('code_hash', '=', codeHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? null : { id: row.id, caseId: row.case_id, partyId: row.party_id };
}

/** Finds live access by its id (a sign-in link names it). */
export async function findLiveAccess(db: HavenDb, id: string): Promise<AccessRow | null> {
  const row = await db
    .selectFrom('reporter_access')
    .select(['id', 'case_id', 'party_id'])
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? null : { id: row.id, caseId: row.case_id, partyId: row.party_id };
}

/** Starts a reporter session; `id` is the hash of the cookie token. */
export async function insertReporterSession(
  db: HavenDb,
  row: { id: string; accessId: string; csrfToken: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('reporter_sessions')
    .values({
      id: row.id, access_id: row.accessId, csrf_token: row.csrfToken,
      created_at: row.createdAt.toISOString(), expires_at: row.expiresAt.toISOString(),
    })
    .execute();
}

export interface ReporterSessionRow { accessId: string; caseId: string; partyId: string; csrfToken: string }

/** Finds an unexpired reporter session whose access has not been revoked. */
export async function findReporterSession(db: HavenDb, id: string, now: Date): Promise<ReporterSessionRow | null> {
  const row = await db
    .selectFrom('reporter_sessions')
    .innerJoin('reporter_access', 'reporter_access.id', 'reporter_sessions.access_id')
    .select(['reporter_sessions.access_id', 'reporter_access.case_id', 'reporter_access.party_id',
      'reporter_sessions.csrf_token', 'reporter_sessions.expires_at'])
    .where('reporter_sessions.id', '=', id)
    .where('reporter_access.revoked_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined || toDate(row.expires_at) <= now) return null;
  return { accessId: row.access_id, caseId: row.case_id, partyId: row.party_id, csrfToken: row.csrf_token };
}

/** Ends a reporter session. */
export async function deleteReporterSession(db: HavenDb, id: string): Promise<void> {
  await db.deleteFrom('reporter_sessions').where('id', '=', id).execute();
}

/** Revokes every live access of one party (a new code replaces the old); their sessions end with it. */
export async function revokePartyAccess(db: HavenDb, partyId: string, now: Date): Promise<void> {
  await db.updateTable('reporter_access').set({ revoked_at: now.toISOString() })
    .where('party_id', '=', partyId).where('revoked_at', 'is', null).execute();
}
