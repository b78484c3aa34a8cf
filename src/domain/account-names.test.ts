import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseAccountName } from './account-names.js';

describe('normaliseAccountName', () => {
  it('treats underscores as spaces, collapses and trims them, and ignores case', () => {
    expect(normaliseAccountName('Example_User')).toBe('example user');
    expect(normaliseAccountName('  example   user ')).toBe('example user');
    expect(normaliseAccountName('EXAMPLE__user')).toBe('example user');
    expect(normaliseAccountName('example\u00a0user')).toBe('example user');
  });

  it('brings composed and decomposed accents together', () => {
    expect(normaliseAccountName('Jose\u0301')).toBe(normaliseAccountName('Jos\u00e9'));
  });

  it('keeps names that differ in letters apart', () => {
    expect(normaliseAccountName('Example User')).not.toBe(normaliseAccountName('Example Users'));
    expect(normaliseAccountName('Ex ample')).not.toBe(normaliseAccountName('Example'));
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normaliseAccountName(normaliseAccountName(s)) === normaliseAccountName(s)));
  });
});
