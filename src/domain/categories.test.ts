import { describe, expect, it } from 'vitest';
import { CATEGORIES, REPORTER_ROLES, isCategory, isReporterRole } from './categories.js';

describe('categories', () => {
  it('lists the nine categories of the design, without duplicates', () => {
    expect(CATEGORIES).toHaveLength(9);
    expect(new Set(CATEGORIES).size).toBe(CATEGORIES.length);
  });

  it.each(CATEGORIES)('recognises %s', (category) => {
    expect(isCategory(category)).toBe(true);
  });

  it.each(['', 'Hate', 'doxxing', 'threat of violence', 'constructor', 'toString'])(
    'rejects %j',
    (value) => {
      expect(isCategory(value)).toBe(false);
    },
  );
});

describe('reporter roles', () => {
  it('recognises every role and nothing else', () => {
    for (const role of REPORTER_ROLES) expect(isReporterRole(role)).toBe(true);
    expect(isReporterRole('anonymous')).toBe(false);
    expect(isReporterRole('')).toBe(false);
  });
});
