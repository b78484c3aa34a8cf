import { describe, expect, it } from 'vitest';
import { console as messages } from '../../messages/en.json';
import { CONDITION_KINDS, CONTAINMENT_CHECKLIST, DEFAULT_VENUE_IDS, RULE_PLACES } from '../../src/domain/routing-rules.js';
import { SIGN_OFF_DECISIONS } from '../../src/domain/review.js';
import { TENURES } from '../../src/domain/routing.js';
import { venueName } from './venue-name';

// Every closed set the routing and review pages show has its words in the catalog.
describe('routing words', () => {
  const keys = [
    ...DEFAULT_VENUE_IDS.map((v) => `venue.${v}`),
    ...CONDITION_KINDS.map((k) => `routing.why.${k}`), 'routing.why.fallback', 'routing.why.reporter_sanctioned',
    ...CONTAINMENT_CHECKLIST.map((s) => `containment.${s}`),
    ...RULE_PLACES.map((p) => `routing.place.${p}`),
    ...TENURES.map((x) => `routing.tenure.${x}`),
    ...SIGN_OFF_DECISIONS.map((d) => `review.decision.${d}`),
  ];
  it.each(keys)('has %s', (key) => expect(Object.hasOwn(messages, key)).toBe(true));

  it('names a venue by the desk\'s own name, the catalog\'s, or its id', () => {
    expect(venueName('functionaries', 'The stewards')).toBe('The stewards');
    expect(venueName('functionaries')).toBe(messages['venue.functionaries']);
    expect(venueName('mediation')).toBe('mediation');
  });
});
