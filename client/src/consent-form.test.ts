import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConsentGrant } from './api';
import { checkedFrom, consentLines, grantKey, grantsFrom } from './consent-form';
import { CONSENT_AUDIENCES, CONSENT_SUBJECTS } from './domain';

const grant = fc.record({ subject: fc.constantFrom(...CONSENT_SUBJECTS), audience: fc.constantFrom(...CONSENT_AUDIENCES) });

describe('the consent form', () => {
  it('sends back exactly the grants it was given, each once, whatever their order', () => {
    fc.assert(fc.property(fc.array(grant, { maxLength: 20 }), (grants: ConsentGrant[]) => {
      const sent = grantsFrom(checkedFrom(grants));
      const keys = sent.map((g) => grantKey(g.subject, g.audience));
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(keys)).toEqual(new Set(grants.map((g) => grantKey(g.subject, g.audience))));
    }));
  });

  it('ignores boxes it does not know', () => {
    expect(grantsFrom(new Set(['identity:the_press', 'contact:law_enforcement']))).toEqual([{ subject: 'contact', audience: 'law_enforcement' }]);
  });
});

describe('consentLines', () => {
  it('says nothing for an empty consent: nothing may be shared', () => {
    expect(consentLines([])).toEqual([]);
  });

  it('groups what may go by audience, in the order of the lists', () => {
    expect(consentLines([
      { subject: 'private_evidence', audience: 'trust_and_safety' },
      { subject: 'identity', audience: 'law_enforcement' },
      { subject: 'identity', audience: 'trust_and_safety' },
    ])).toEqual([
      { audience: 'trust_and_safety', subjects: ['identity', 'private_evidence'] },
      { audience: 'law_enforcement', subjects: ['identity'] },
    ]);
  });
});
