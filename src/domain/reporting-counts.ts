// Counts of cases by category and UTC calendar month: month ranges and small-count
// suppression for anything meant for publication (DESIGN.md, "Reporting out").

/** A calendar month, `YYYY-MM`; months sort as strings. */
export type Month = string;

/** Inclusive range of months. */
export interface MonthRange { from: Month; to: Month }

/** The longest range a report may span: ten years. */
export const MAX_REPORT_MONTHS = 120;

/** Counts from 1 up to (not including) this are suppressed for publication. */
export const PUBLICATION_THRESHOLD = 5;

/** How many months a report covers when none are given: the year ending with this month. */
export const DEFAULT_REPORT_MONTHS = 12;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `value` is a month Haven can report on (`YYYY-MM`, from 1970). */
export function isMonth(value: string): boolean {
  const match = MONTH_PATTERN.exec(value);
  return match !== null && Number(match[1]) >= 1970;
}

function ordinal(month: Month): number {
  const match = MONTH_PATTERN.exec(month);
  if (match === null) throw new Error(`Not a month: ${month}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function fromOrdinal(n: number): Month {
  return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** The UTC calendar month of an instant. */
export function monthOf(at: Date): Month {
  return at.toISOString().slice(0, 7);
}

/** The month `n` months after (or, negative, before) `month`. */
export function addMonths(month: Month, n: number): Month {
  return fromOrdinal(ordinal(month) + n);
}

/** Every month of the range, oldest first. */
export function monthsInRange(range: MonthRange): Month[] {
  const first = ordinal(range.from);
  return Array.from({ length: ordinal(range.to) - first + 1 }, (_, i) => fromOrdinal(first + i));
}

/** The range used when the caller names none: the twelve months ending with the current one. */
export function defaultMonthRange(now: Date): MonthRange {
  const to = monthOf(now);
  return { from: addMonths(to, -(DEFAULT_REPORT_MONTHS - 1)), to };
}

/** Why a range of well-formed months cannot be reported on, or null when it can. */
export type RangeProblem = 'reversed' | 'too_long';

/** Checks a range whose ends are both well-formed months. */
export function checkMonthRange(range: MonthRange): RangeProblem | null {
  const span = ordinal(range.to) - ordinal(range.from) + 1;
  if (span < 1) return 'reversed';
  return span > MAX_REPORT_MONTHS ? 'too_long' : null;
}

/** One non-zero count as the database returns it. */
export interface CountCell { month: Month; category: string; count: number }

/** The counts as they leave the server; null means suppressed. */
export interface CountsTable {
  from: Month;
  to: Month;
  months: Month[];
  categories: string[];
  rows: { month: Month; category: string; count: number | null }[];
  totals: {
    byMonth: { month: Month; count: number | null }[];
    byCategory: { category: string; count: number | null }[];
    all: number | null;
  };
  suppressedBelow: number | null;
}

function isSmall(count: number): boolean {
  return count >= 1 && count < PUBLICATION_THRESHOLD;
}

/**
 * Lays the counts out as a full grid (every month × every category, zeros included) with
 * totals. For publication, a count of 1 to 4 is suppressed, and a total is shown only when
 * every count it adds up is shown. That rule is what keeps suppressed counts hidden: each
 * one could move by one (staying within 1..4) with its month total, its category total and
 * the grand total, which are all suppressed with it, and every published number would stay
 * the same. A total published beside a suppressed count would give it away (total minus
 * the rest), and even beside two it gives their sum, which pins both when it is 2 or 8.
 * The rule looks only at which counts are suppressed, never at their values, so the
 * pattern of suppression says nothing more. Zeros are shown: "no cases" is not small.
 */
export function buildCountsTable(input: {
  range: MonthRange; categories: readonly string[]; cells: readonly CountCell[]; publication: boolean;
}): CountsTable {
  const months = monthsInRange(input.range);
  // Categories the catalog no longer has still count, after the known ones, so totals add up.
  const extra = [...new Set(input.cells.map((c) => c.category).filter((c) => !input.categories.includes(c)))].sort();
  const categories = [...input.categories, ...extra];
  const raw = new Map<string, number>();
  for (const cell of input.cells) {
    const key = `${cell.month}|${cell.category}`;
    raw.set(key, (raw.get(key) ?? 0) + cell.count);
  }
  const shown = (count: number): number | null => (input.publication && isSmall(count) ? null : count);
  const rows = months.flatMap((month) => categories.map((category) => {
    const count = raw.get(`${month}|${category}`) ?? 0;
    return { month, category, count: shown(count), raw: count };
  }));
  const total = (line: typeof rows): number | null => {
    const sum = line.reduce((acc, r) => acc + r.raw, 0);
    return line.some((r) => r.count === null) ? null : shown(sum);
  };
  return {
    from: input.range.from,
    to: input.range.to,
    months,
    categories,
    rows: rows.map(({ month, category, count }) => ({ month, category, count })),
    totals: {
      byMonth: months.map((month) => ({ month, count: total(rows.filter((r) => r.month === month)) })),
      byCategory: categories.map((category) => ({ category, count: total(rows.filter((r) => r.category === category)) })),
      all: total(rows),
    },
    suppressedBelow: input.publication ? PUBLICATION_THRESHOLD : null,
  };
}
