import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCaseReference, parseCaseReference } from './case-reference.js';

describe('formatCaseReference', () => {
  it('zero-pads the sequence to six digits', () => {
    expect(formatCaseReference(2026, 123)).toBe('HV-2026-000123');
    expect(formatCaseReference(2026, 1)).toBe('HV-2026-000001');
    expect(formatCaseReference(2026, 999_999)).toBe('HV-2026-999999');
  });

  it.each([0, -1, 1_000_000, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects sequence %s', (sequence) => {
    expect(() => formatCaseReference(2026, sequence)).toThrow(RangeError);
  });

  it.each([999, 10_000, 2026.5, -2026, Number.NaN])('rejects year %s', (year) => {
    expect(() => formatCaseReference(year, 1)).toThrow(RangeError);
  });
});

describe('parseCaseReference', () => {
  it('parses a well-formed reference', () => {
    expect(parseCaseReference('HV-2026-000123')).toEqual({ year: 2026, sequence: 123 });
  });

  it.each([
    '',
    'HV-2026-123',
    'HV-2026-0001234',
    'HV-26-000123',
    'hv-2026-000123',
    ' HV-2026-000123',
    'HV-2026-000123 ',
    'HV-2026-000123\n',
    'HV-2026-000000',
    'HV-0999-000001',
    'HV_2026_000123',
    'HV-2026-00012a',
    'HV-２０２６-000123',
    'HV-2026-٠٠٠١٢٣',
    'XHV-2026-000123',
  ])('rejects %j', (text) => {
    expect(parseCaseReference(text)).toBeNull();
  });

  it('round-trips every valid year and sequence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 999_999 }), (year, sequence) => {
        expect(parseCaseReference(formatCaseReference(year, sequence))).toEqual({ year, sequence });
      }),
    );
  });

  it('accepts only strings that format back to themselves', () => {
    const referenceLike = fc
      .tuple(fc.stringMatching(/^\d{4}$/), fc.stringMatching(/^\d{6}$/))
      .map(([year, sequence]) => `HV-${year}-${sequence}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), referenceLike), (text) => {
        const parsed = parseCaseReference(text);
        if (parsed !== null) expect(formatCaseReference(parsed.year, parsed.sequence)).toBe(text);
      }),
    );
  });
});
