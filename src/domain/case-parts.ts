// The closed sets of what a case holds besides its status: who is involved, what evidence
// it carries, and who wrote its messages (who causes events is in case-events.ts). The API, the console and the
// repositories all narrow to these lists, so a new member is added here and nowhere else.

/** Roles a person can have in a case. */
export const PARTY_ROLES = ['reporter', 'target', 'reported', 'witness'] as const;

/** A person's role in a case. */
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Narrows an untrusted string to a PartyRole. */
export function isPartyRole(value: string): value is PartyRole {
  return (PARTY_ROLES as readonly string[]).includes(value);
}

/**
 * Whether a party's account name is kept in the clear. A reported account is what handlers
 * search for and what links a pattern of cases; the accounts of the people a case protects
 * (reporter, target, witness) are sealed like their addresses.
 */
export function accountNameInClear(role: PartyRole): boolean {
  return role === 'reported';
}

/** Kinds of evidence; only links exist so far (uploads come later). */
export const EVIDENCE_KINDS = ['link'] as const;

/** A kind of evidence. */
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Who writes in a party's thread: the desk or the party (today always the reporter). */
export const MESSAGE_AUTHOR_KINDS = ['staff', 'reporter'] as const;

/** The author of a message. */
export type MessageAuthorKind = (typeof MESSAGE_AUTHOR_KINDS)[number];

/** Which way a message travels, seen from the desk. */
export const MESSAGE_DIRECTIONS = ['to_party', 'from_party'] as const;

/** Which way a message travels. */
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];


/**
 * How a message from the desk reaches its party: a thread on the status page (behind their
 * access code), an email (a reported person whose address is known), or by hand (the
 * handler copies it to the wiki, for a reported person with no address).
 */
export const MESSAGE_DELIVERIES = ['status_page', 'email', 'by_hand'] as const;

/** How a message reaches its party. */
export type MessageDelivery = (typeof MESSAGE_DELIVERIES)[number];
