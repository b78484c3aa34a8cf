/**
 * Every message has exactly one audience: one party of the case (their thread), the staff of
 * the case (notes), or the case's reviewers. Stored as one string so a thread is one indexed
 * equality (`party:<id>`), and a reader's view selects exactly its own audience.
 */
export type MessageAudience = { kind: 'party'; partyId: string } | { kind: 'staff' } | { kind: 'reviewers' };

/** The stored form of a party's thread. */
export function partyAudience(partyId: string): string {
  return `party:${partyId}`;
}

/** The stored form of an audience. */
export function formatAudience(audience: MessageAudience): string {
  switch (audience.kind) {
    case 'party':
      return partyAudience(audience.partyId);
    case 'staff':
    case 'reviewers':
      return audience.kind;
    default: {
      const unreachable: never = audience;
      throw new Error(`Unknown audience: ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Reads a stored audience; null for anything that is not one (a data error the caller reports). */
export function parseAudience(stored: string): MessageAudience | null {
  if (stored === 'staff' || stored === 'reviewers') return { kind: stored };
  if (stored.startsWith('party:') && stored.length > 'party:'.length) return { kind: 'party', partyId: stored.slice('party:'.length) };
  return null;
}
