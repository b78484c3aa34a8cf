import { isPartyRole, type PartyRole } from '../../domain/case-parts.js';
import type { Severity } from '../../domain/severity.js';
import { isSeverity } from '../../domain/severity.js';
import type { HavenDb } from '../connection.js';
import type { PendingInsert } from './insert-together.js';
import { storedValue } from './stored-value.js';
import { toDate } from '../schema.js';

export interface NewParty {
  id: string;
  caseId: string;
  role: PartyRole;
  /** The account name in the clear: only a reported person's (domain accountNameInClear). */
  username: string | null;
  /** Anyone else's account name, sealed by the caller (services/party-details.ts storeAccountName). */
  usernameEnc?: string | null;
  /** Already encrypted by the caller; this layer never sees contact details in clear. */
  contactEmailEnc: string | null;
  /** The address's keyed blind index (services/security/contact-index.ts); absent ones are filled later by the worker. */
  contactEmailIndex?: string | null;
  /** The name the party goes by, already sealed by the caller (services/party-details.ts). */
  displayNameEnc?: string | null;
  /** The account name's keyed blind index (services/security/account-index.ts). */
  accountIndex?: string | null;
  createdAt: Date;
}

/** Inserts the parties of a case. */
export async function insertParties(db: HavenDb, parties: NewParty[]): Promise<void> {
  await insertPartiesQuery(db, parties)?.execute();
}

/** The INSERT of parties, not yet run (see insert-together.ts); null when there are none. */
export function insertPartiesQuery(db: HavenDb, parties: NewParty[]): PendingInsert | null {
  if (parties.length === 0) return null;
  return db
    .insertInto('case_parties')
    .values(parties.map((p) => ({
      id: p.id, case_id: p.caseId, role: p.role, username: p.username, username_enc: p.usernameEnc ?? null,
      contact_email_enc: p.contactEmailEnc, contact_email_index: p.contactEmailIndex ?? null, created_at: p.createdAt.toISOString(),
      display_name_enc: p.displayNameEnc ?? null, account_index: p.accountIndex ?? null,
      // The matching key is the blind index itself: the account's normal form is not stored in the clear.
      account_key: p.accountIndex ?? null,
    })));
}

export interface PartyRow {
  id: string; role: PartyRole;
  /** A reported person's account name; null for everyone else, whose name is in `usernameEnc`. */
  clearAccountName: string | null;
  /** The sealed account name of a party who is not reported; the service opens it (party-details.ts). */
  usernameEnc: string | null;
  hasContactEmail: boolean;
  /** The sealed display name; the service opens it for the audiences that may see it. */
  displayNameEnc: string | null;
  /** Holds a live access code, so replies reach them on the status page. */
  canReceiveReplies: boolean;
}

/** The parties query, unexecuted, so a test can ask the planner how it runs. */
export function partiesQuery(db: HavenDb, caseId: string) {
  return db
    .selectFrom('case_parties')
    .select((eb) => [
      'case_parties.id', 'case_parties.role', 'case_parties.username', 'case_parties.username_enc', 'case_parties.contact_email_enc', 'case_parties.display_name_enc',
      eb.exists(eb.selectFrom('reporter_access').select('reporter_access.id')
        .whereRef('reporter_access.party_id', '=', 'case_parties.id').where('reporter_access.revoked_at', 'is', null))
        .as('has_access'),
    ])
    .where('case_parties.case_id', '=', caseId)
    .orderBy('case_parties.created_at')
    .orderBy('case_parties.id');
}

/** Lists a case's parties without their contact details. */
export async function listParties(db: HavenDb, caseId: string): Promise<PartyRow[]> {
  const rows = await partiesQuery(db, caseId).execute();
  return rows.map((r) => ({
    id: r.id, role: storedValue(r.role, isPartyRole, 'case_parties.role'), clearAccountName: r.username, usernameEnc: r.username_enc,
    hasContactEmail: r.contact_email_enc !== null,
    displayNameEnc: r.display_name_enc,
    // SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
    canReceiveReplies: Boolean(r.has_access),
  }));
}

/** The encrypted contact address of one party, for the mail job that needs it. */
export async function findPartyContact(db: HavenDb, partyId: string): Promise<string | null> {
  const row = await db.selectFrom('case_parties').select('contact_email_enc').where('id', '=', partyId).executeTakeFirst();
  return row?.contact_email_enc ?? null;
}

/** The sealed contact address of a case's reporter (with their party id, which it is bound to), or null when they left none. */
export async function findReporterContact(db: HavenDb, caseId: string): Promise<{ sealed: string; partyId: string } | null> {
  const row = await db.selectFrom('case_parties').select(['id', 'contact_email_enc']).where('case_id', '=', caseId).where('role', '=', 'reporter').executeTakeFirst();
  return row?.contact_email_enc == null ? null : { sealed: row.contact_email_enc, partyId: row.id };
}

export interface NewEvidence { id: string; caseId: string; url: string; suppliedBy: string; addedAt: Date; isPrivate?: boolean }

/** Inserts evidence links. */
export async function insertEvidenceLinks(db: HavenDb, items: NewEvidence[]): Promise<void> {
  await insertEvidenceLinksQuery(db, items)?.execute();
}

/** The INSERT of evidence links, not yet run (see insert-together.ts); null when there are none. */
export function insertEvidenceLinksQuery(db: HavenDb, items: NewEvidence[]): PendingInsert | null {
  if (items.length === 0) return null;
  return db
    .insertInto('evidence')
    .values(items.map((e) => ({
      id: e.id, case_id: e.caseId, kind: 'link', url: e.url, supplied_by: e.suppliedBy, added_at: e.addedAt.toISOString(),
      is_private: e.isPrivate === true ? 1 : 0,
    })));
}

export interface EvidenceRow { id: string; kind: string; url: string; suppliedBy: string; addedAt: Date; isPrivate: boolean; personalInformation: boolean }

/** Lists a case's evidence, oldest first. */
export async function listEvidence(db: HavenDb, caseId: string): Promise<EvidenceRow[]> {
  const rows = await db
    .selectFrom('evidence')
    .select(['id', 'kind', 'url', 'supplied_by', 'added_at', 'is_private', 'personal_information'])
    .where('case_id', '=', caseId)
    .orderBy('added_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, url: r.url, suppliedBy: r.supplied_by, addedAt: toDate(r.added_at), isPrivate: r.is_private === 1, personalInformation: r.personal_information === 1,
  }));
}

/**
 * Marks (or unmarks) a piece of a case's evidence as personal information, storing its address
 * as given (sealed when marked); only if the address is still `previous`, so a change made
 * meanwhile is not overwritten. False when the case has no such evidence (or it changed).
 */
export async function setEvidencePersonalInformation(
  db: HavenDb, input: { caseId: string; evidenceId: string; marked: boolean; previous: string; url: string },
): Promise<boolean> {
  const result = await db.updateTable('evidence').set({ personal_information: input.marked ? 1 : 0, url: input.url })
    .where('case_id', '=', input.caseId).where('id', '=', input.evidenceId).where('url', '=', input.previous).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The address of one piece of a case's evidence, or null when the case has no such evidence. */
export async function findEvidenceUrl(db: HavenDb, caseId: string, evidenceId: string): Promise<string | null> {
  const row = await db.selectFrom('evidence').select('url').where('case_id', '=', caseId).where('id', '=', evidenceId).executeTakeFirst();
  return row?.url ?? null;
}

export interface MessageRow { id: string; body: string; authorKind: string; createdAt: Date }

/** Messages of a case addressed to one audience, oldest first. */
export async function listMessagesFor(db: HavenDb, caseId: string, audience: string): Promise<MessageRow[]> {
  const rows = await db
    .selectFrom('messages')
    .select(['id', 'body', 'author_kind', 'created_at'])
    .where('case_id', '=', caseId)
    .where('audience', '=', audience)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, body: r.body, authorKind: r.author_kind, createdAt: toDate(r.created_at) }));
}

/** Another case naming one of this case's reported accounts, with what decides who may open it. */
export interface LinkedCaseRow { id: string; deskId: string; restrictedToGroup: string | null; severity: Severity }

/** The other cases that name one of this case's reported accounts (in its matching form), each once. */
export async function listLinkedCases(db: HavenDb, caseId: string): Promise<LinkedCaseRow[]> {
  const rows = await db
    .selectFrom('case_parties as mine')
    .innerJoin('case_parties as theirs', 'theirs.account_key', 'mine.account_key')
    .innerJoin('cases as other', 'other.id', 'theirs.case_id')
    .select(['other.id', 'other.desk_id', 'other.restricted_to_group', 'other.severity'])
    .distinct()
    .where('mine.case_id', '=', caseId)
    .where('mine.role', '=', 'reported')
    .where('theirs.role', '=', 'reported')
    .where('theirs.case_id', '!=', caseId)
    .orderBy('other.id')
    .execute();
  return rows.map((r) => ({ id: r.id, deskId: r.desk_id, restrictedToGroup: r.restricted_to_group, severity: storedValue(r.severity, isSeverity, 'cases.severity') }));
}
