import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths, buildCountsTable, checkMonthRange, defaultMonthRange, isMonth, MAX_REPORT_MONTHS, monthOf, monthsInRange,
  type CountCell, type CountsTable,
} from './reporting-counts.js';

describe('months', () => {
  it.each(['2026-01', '2026-12', '1970-01', '9999-12'])('accepts %s', (value) => expect(isMonth(value)).toBe(true));
  it.each(['2026-13', '2026-00', '2026-1', '26-01', '2026-01-01', '1969-12', ' 2026-01', '2026/01', ''])('refuses %j', (value) => {
    expect(isMonth(value)).toBe(false);
  });

  it('takes the UTC month, whatever the local time zone would say', () => {
    expect(monthOf(new Date('2026-02-28T23:59:59.999Z'))).toBe('2026-02');
    expect(monthOf(new Date('2026-03-01T00:00:00.000Z'))).toBe('2026-03');
    expect(monthOf(new Date('2026-02-28T23:30:00.000-05:00'))).toBe('2026-03');
  });

  it('adds months across years', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-01', -120)).toBe('2016-01');
  });

  it('lists a range inclusively, oldest first', () => {
    expect(monthsInRange({ from: '2025-11', to: '2026-02' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsInRange({ from: '2026-05', to: '2026-05' })).toEqual(['2026-05']);
  });

  it('defaults to the twelve months ending with the current UTC month', () => {
    expect(defaultMonthRange(new Date('2026-03-02T10:00:00Z'))).toEqual({ from: '2025-04', to: '2026-03' });
    expect(defaultMonthRange(new Date('2026-12-31T23:59:59.999Z'))).toEqual({ from: '2026-01', to: '2026-12' });
    expect(monthsInRange(defaultMonthRange(new Date('2026-01-01T00:00:00Z')))).toHaveLength(12);
  });

  it('refuses reversed ranges and ranges over ten years, and accepts exactly ten years', () => {
    expect(checkMonthRange({ from: '2026-02', to: '2026-01' })).toBe('reversed');
    expect(checkMonthRange({ from: '2026-01', to: '2026-01' })).toBeNull();
    expect(checkMonthRange({ from: '2016-02', to: '2026-01' })).toBeNull();
    expect(monthsInRange({ from: '2016-02', to: '2026-01' })).toHaveLength(MAX_REPORT_MONTHS);
    expect(checkMonthRange({ from: '2016-01', to: '2026-01' })).toBe('too_long');
  });
});

const CATS = ['a', 'b', 'c'] as const;
const range = { from: '2026-01', to: '2026-03' };

function table(cells: CountCell[], publication: boolean): CountsTable {
  return buildCountsTable({ range, categories: CATS, cells, publication });
}

describe('buildCountsTable', () => {
  const cells: CountCell[] = [
    { month: '2026-01', category: 'a', count: 7 }, { month: '2026-01', category: 'b', count: 3 },
    { month: '2026-02', category: 'a', count: 5 }, { month: '2026-03', category: 'c', count: 12 },
  ];

  it('shows every count and total when not for publication, zeros included', () => {
    const result = table(cells, false);
    expect(result.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(result.rows).toHaveLength(9);
    expect(result.rows.find((r) => r.month === '2026-01' && r.category === 'b')?.count).toBe(3);
    expect(result.rows.find((r) => r.month === '2026-02' && r.category === 'c')?.count).toBe(0);
    expect(result.totals.byMonth).toEqual([{ month: '2026-01', count: 10 }, { month: '2026-02', count: 5 }, { month: '2026-03', count: 12 }]);
    expect(result.totals.byCategory).toEqual([{ category: 'a', count: 12 }, { category: 'b', count: 3 }, { category: 'c', count: 12 }]);
    expect(result.totals.all).toBe(27);
    expect(result.suppressedBelow).toBeNull();
  });

  it('for publication, hides 1 to 4 and every total that would give one away', () => {
    const result = table(cells, true);
    expect(result.rows.find((r) => r.month === '2026-01' && r.category === 'b')?.count).toBeNull();
    expect(result.rows.find((r) => r.month === '2026-01' && r.category === 'a')?.count).toBe(7);
    expect(result.rows.find((r) => r.month === '2026-02' && r.category === 'b')?.count).toBe(0);
    // January's total minus the 7 would be the 3; so would category b's total.
    expect(result.totals.byMonth).toEqual([{ month: '2026-01', count: null }, { month: '2026-02', count: 5 }, { month: '2026-03', count: 12 }]);
    expect(result.totals.byCategory).toEqual([{ category: 'a', count: 12 }, { category: 'b', count: null }, { category: 'c', count: 12 }]);
    // The grand total minus every shown count would be the 3 again.
    expect(result.totals.all).toBeNull();
    expect(result.suppressedBelow).toBe(5);
  });

  it('suppresses a count of exactly 4 and shows a count of exactly 5', () => {
    const result = table([{ month: '2026-01', category: 'a', count: 4 }, { month: '2026-02', category: 'a', count: 5 }], true);
    expect(result.rows.find((r) => r.month === '2026-01' && r.category === 'a')?.count).toBeNull();
    expect(result.rows.find((r) => r.month === '2026-02' && r.category === 'a')?.count).toBe(5);
    expect(result.totals.byMonth.find((m) => m.month === '2026-02')?.count).toBe(5);
  });

  it('hides a line total even when two suppressed counts share the line (their sum would pin both at 2 or 8)', () => {
    const result = table([{ month: '2026-01', category: 'a', count: 1 }, { month: '2026-01', category: 'b', count: 1 }, { month: '2026-01', category: 'c', count: 9 }], true);
    expect(result.totals.byMonth[0]).toEqual({ month: '2026-01', count: null });
  });

  it('keeps counts in categories the catalog does not know, after the known ones', () => {
    const result = table([{ month: '2026-02', category: 'legacy', count: 6 }], false);
    expect(result.categories).toEqual(['a', 'b', 'c', 'legacy']);
    expect(result.totals.all).toBe(6);
  });
});

const grid = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 40 })), { minLength: 9, maxLength: 9 });
const toCells = (counts: number[]): CountCell[] => counts.map((count, i) => ({
  month: monthsInRange(range)[i % 3] ?? '', category: CATS[Math.floor(i / 3)] ?? '', count,
}));

describe('buildCountsTable properties', () => {
  it('published numbers are 0 or at least 5, and every shown total adds up', () => {
    fc.assert(fc.property(grid, (counts) => {
      const result = table(toCells(counts), true);
      const shown = [...result.rows.map((r) => r.count), ...result.totals.byMonth.map((m) => m.count), ...result.totals.byCategory.map((c) => c.count), result.totals.all];
      expect(shown.every((n) => n === null || n === 0 || n >= 5)).toBe(true);
      for (const m of result.totals.byMonth) {
        if (m.count !== null) expect(result.rows.filter((r) => r.month === m.month).reduce((a, r) => a + (r.count ?? NaN), 0)).toBe(m.count);
      }
      if (result.totals.all !== null) expect(result.rows.reduce((a, r) => a + (r.count ?? NaN), 0)).toBe(result.totals.all);
    }));
  });

  it('no suppressed count can be worked out: another value gives the very same publication', () => {
    fc.assert(fc.property(grid, (counts) => {
      const published = table(toCells(counts), true);
      counts.forEach((count, i) => {
        if (count < 1 || count >= 5) return;
        const other = [...counts];
        other[i] = count === 1 ? 2 : count - 1;
        expect(table(toCells(other), true)).toEqual(published);
      });
    }));
  });

  it('without publication, nothing is null and the totals are the sums', () => {
    fc.assert(fc.property(grid, (counts) => {
      const result = table(toCells(counts), false);
      expect(result.rows.every((r) => r.count !== null)).toBe(true);
      expect(result.totals.all).toBe(counts.reduce((a, b) => a + b, 0));
    }));
  });
});
