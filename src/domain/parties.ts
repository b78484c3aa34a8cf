/** Roles a person can have in a case. */
export const PARTY_ROLES = ['reporter', 'target', 'reported', 'witness'] as const;

/** A person's role in a case. */
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Narrows an untrusted string to a PartyRole. */
export function isPartyRole(value: string): value is PartyRole {
  return (PARTY_ROLES as readonly string[]).includes(value);
}
