import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category } from './categories.js';
import { SEVERITIES, initialSeverity, isSeverity, severityRank, type Severity } from './severity.js';

describe('initialSeverity', () => {
  const expected: Record<Category, Severity> = {
    threat_of_violence: 'emergency',
    self_harm: 'emergency',
    personal_information: 'high',
    sexual_harassment: 'high',
    image_based_abuse: 'high',
    hounding: 'normal',
    hate: 'normal',
    off_site: 'normal',
    other: 'normal',
  };

  it.each(CATEGORIES)('maps %s without danger to its default severity', (category) => {
    expect(initialSeverity({ category, immediateDanger: false })).toBe(expected[category]);
  });

  it.each(CATEGORIES)('makes %s an emergency when someone is in danger', (category) => {
    expect(initialSeverity({ category, immediateDanger: true })).toBe('emergency');
  });

  it('never lowers severity when danger is reported', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CATEGORIES), (category) => {
        const withDanger = initialSeverity({ category, immediateDanger: true });
        const without = initialSeverity({ category, immediateDanger: false });
        expect(severityRank(withDanger)).toBeLessThanOrEqual(severityRank(without));
      }),
    );
  });
});

describe('severityRank', () => {
  it('ranks in the order of SEVERITIES, most urgent first', () => {
    expect(SEVERITIES.map(severityRank)).toEqual([0, 1, 2]);
  });
});

describe('isSeverity', () => {
  it('recognises the three severities and nothing else', () => {
    for (const severity of SEVERITIES) expect(isSeverity(severity)).toBe(true);
    expect(isSeverity('urgent')).toBe(false);
    expect(isSeverity('Emergency')).toBe(false);
  });
});
