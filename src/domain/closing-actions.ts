// What a desk did about each reported person when it closes a case as `action_taken`. The
// record says what was done, until when, where the community logged it, and how the person can
// appeal: what the reported person is owed, and what a later reader of the case needs.

/** What was done to a reported person. */
export const SANCTION_KINDS = [
  'warning', 'interaction_ban', 'partial_block', 'sitewide_block', 'partial_ban', 'sitewide_ban', 'other',
] as const;

/** What was done to a reported person. */
export type SanctionKind = (typeof SANCTION_KINDS)[number];

/** Narrows an untrusted string to a SanctionKind. */
export function isSanctionKind(value: string): value is SanctionKind {
  return (SANCTION_KINDS as readonly string[]).includes(value);
}

/** Blocks and bans run until a date, or indefinitely; the record must say which. */
export function sanctionHasExpiry(kind: SanctionKind): boolean {
  switch (kind) {
    case 'partial_block':
    case 'sitewide_block':
    case 'partial_ban':
    case 'sitewide_ban':
    case 'interaction_ban':
      return true;
    case 'warning':
    case 'other':
      return false;
    default: {
      const unreachable: never = kind;
      throw new Error(`Unknown sanction: ${String(unreachable)}`);
    }
  }
}

/** The action recorded against one reported person. */
export interface SanctionRecord {
  /** The reported party it concerns. */
  partyId: string;
  kind: SanctionKind;
  /** In words: required for `other`, welcome for any. */
  description: string | null;
  /** ISO instant the sanction ends; null for indefinite (only kinds with an expiry carry one). */
  expiresAt: string | null;
  /** The community's log entry, where there is one. */
  logUrl: string | null;
  /** How the person can appeal. */
  appeal: string;
}

/** One problem with the actions of an `action_taken` close, by the field it concerns. */
export interface SanctionProblem { path: string; problem: 'missing_party' | 'unknown_party' | 'description_needed' | 'expiry_not_applicable' }

/**
 * Checks the actions against the case's reported parties: every reported person has exactly
 * the actions listed for them (at least one), `other` says what in words, and an expiry is
 * given only where one applies. Returns the problems, empty when it is complete.
 */
export function checkSanctions(actions: readonly SanctionRecord[], reportedPartyIds: readonly string[]): SanctionProblem[] {
  const problems: SanctionProblem[] = [];
  actions.forEach((a, i) => {
    if (!reportedPartyIds.includes(a.partyId)) problems.push({ path: `actions.${i}.partyId`, problem: 'unknown_party' });
    if (a.kind === 'other' && (a.description ?? '').trim() === '') problems.push({ path: `actions.${i}.description`, problem: 'description_needed' });
    if (!sanctionHasExpiry(a.kind) && a.expiresAt !== null) problems.push({ path: `actions.${i}.expiresAt`, problem: 'expiry_not_applicable' });
  });
  for (const partyId of reportedPartyIds) {
    if (!actions.some((a) => a.partyId === partyId)) problems.push({ path: 'actions', problem: 'missing_party' });
  }
  return problems;
}
