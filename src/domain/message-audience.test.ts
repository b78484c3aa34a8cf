import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAudience, parseAudience, type MessageAudience } from './message-audience.js';

describe('message audiences', () => {
  it('reads back what it writes, for every audience', () => {
    const audience: fc.Arbitrary<MessageAudience> = fc.oneof(
      fc.string({ minLength: 1, maxLength: 40 }).map((partyId) => ({ kind: 'party' as const, partyId })),
      fc.constant({ kind: 'staff' as const }),
      fc.constant({ kind: 'reviewers' as const }),
    );
    fc.assert(fc.property(audience, (a) => { expect(parseAudience(formatAudience(a))).toEqual(a); }));
  });

  it('refuses what is not an audience', () => {
    for (const stored of ['', 'party:', 'Staff', 'everyone', 'reviewer']) expect(parseAudience(stored)).toBeNull();
  });
});
