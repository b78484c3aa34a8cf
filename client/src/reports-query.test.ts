import { describe, expect, it } from 'vitest';
import { checkMonths, countsQueryFromSearch, formatMonth, searchFromCountsQuery } from './reports-query';

describe('the report query in the address bar', () => {
  it('reads months and the publication flag, ignoring what is not a month', () => {
    expect(countsQueryFromSearch(new URLSearchParams('from=2025-04&to=2026-03&publication=true')))
      .toEqual({ from: '2025-04', to: '2026-03', publication: true });
    expect(countsQueryFromSearch(new URLSearchParams('from=2025-13&to=soon&publication=yes')))
      .toEqual({ from: undefined, to: undefined, publication: false });
  });

  it('writes back what it reads', () => {
    const query = { from: '2025-04', to: '2026-03', publication: true };
    expect(countsQueryFromSearch(searchFromCountsQuery(query))).toEqual(query);
    expect(searchFromCountsQuery({ publication: false }).toString()).toBe('');
  });
});

describe('checkMonths', () => {
  it('accepts a range of up to 120 months', () => {
    expect(checkMonths('2025-04', '2026-03')).toEqual({});
    expect(checkMonths('2016-04', '2026-03')).toEqual({});
  });

  it('names the field that is wrong', () => {
    expect(checkMonths('', '2026-03')).toEqual({ from: 'month' });
    expect(checkMonths('2026-03', '03/2026')).toEqual({ to: 'month' });
    expect(checkMonths('2026-04', '2026-03')).toEqual({ to: 'reversed' });
    expect(checkMonths('2016-03', '2026-03')).toEqual({ to: 'tooLong' });
  });
});

describe('formatMonth', () => {
  it('names the month and year in the UTC calendar, whatever the local zone', () => {
    expect(formatMonth('2026-03', 'en')).toBe('March 2026');
    expect(formatMonth('2025-12', 'en')).toBe('December 2025');
  });
});
