import type { CountsQuery } from './api';
import { checkMonthRange, isMonth } from '../../src/domain/reporting-counts.js';

export { MAX_REPORT_MONTHS, PUBLICATION_THRESHOLD } from '../../src/domain/reporting-counts.js';

/** The report's query from the address bar; months that are not months are left to the server's default. */
export function countsQueryFromSearch(query: URLSearchParams): CountsQuery {
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  return {
    from: isMonth(from) ? from : undefined,
    to: isMonth(to) ? to : undefined,
    publication: query.get('publication') === 'true',
  };
}

/** The address-bar query for a report, so a report can be bookmarked and shared with colleagues. */
export function searchFromCountsQuery(query: CountsQuery): URLSearchParams {
  const search = new URLSearchParams();
  if (query.from) search.set('from', query.from);
  if (query.to) search.set('to', query.to);
  if (query.publication) search.set('publication', 'true');
  return search;
}

/** What is wrong with the months typed into the form, by field; empty when nothing is. */
export interface MonthProblems { from?: 'month'; to?: 'month' | 'reversed' | 'tooLong' }

/** Checks the form before asking the server, with the same rules the server applies. */
export function checkMonths(from: string, to: string): MonthProblems {
  const problems: MonthProblems = {};
  if (!isMonth(from)) problems.from = 'month';
  if (!isMonth(to)) problems.to = 'month';
  if (problems.from !== undefined || problems.to !== undefined) return problems;
  const problem = checkMonthRange({ from, to });
  if (problem === 'reversed') return { to: 'reversed' };
  if (problem === 'too_long') return { to: 'tooLong' };
  return problems;
}

/** "March 2026" for `2026-03`, in the console's language; the month is a UTC calendar month. */
export function formatMonth(month: string, locale: string): string {
  const [year, number] = month.split('-').map(Number);
  if (year === undefined || number === undefined) return month;
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, number - 1, 1));
}
