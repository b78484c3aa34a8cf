import type { HavenDb } from '../connection.js';
import type { PartyRole } from '../../domain/case-parts.js';

/** The columns of a party a handler may change; an absent key is left as it is. */
export interface PartyPatch {
  role?: PartyRole;
  username?: string | null;
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
      ...(patch.username === undefined ? {} : { username: patch.username, account_index: patch.accountIndex ?? null, account_key: patch.accountIndex ?? null }),
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
