import { describe, expect, it } from 'vitest';
import { CONSENT_AUDIENCES, CONSENT_SUBJECTS, mayShare, type PartyConsent } from './consent.js';

const consent = (grants: PartyConsent['grants']): PartyConsent => ({
  partyId: 'p1',
  role: 'reporter',
  grants,
  recordedAt: '2026-11-30T10:00:00.000Z',
});

describe('mayShare', () => {
  it('shares nothing without a recorded consent', () => {
    for (const s of CONSENT_SUBJECTS) for (const a of CONSENT_AUDIENCES) {
      expect(mayShare(undefined, s, a)).toBe(false);
      expect(mayShare(consent([]), s, a)).toBe(false);
    }
  });

  it('shares exactly the subject and audience granted, and nothing next to it', () => {
    const c = consent([{ subject: 'contact', audience: 'emergency_contact' }]);
    for (const s of CONSENT_SUBJECTS) for (const a of CONSENT_AUDIENCES) {
      expect(mayShare(c, s, a)).toBe(s === 'contact' && a === 'emergency_contact');
    }
  });
});
