import type { CaseCounts } from '../api';
import { isCategory } from '../domain';
import { locale, t } from '../i18n';
import { formatMonth } from '../reports-query';

interface CountsTableProps {
  counts: CaseCounts;
}

const numbers = new Intl.NumberFormat(locale);

/** A category's name from the catalog; a category this build does not know shows as it is. */
function categoryName(category: string): string {
  return isCategory(category) ? t(`category.${category}`) : category;
}

/** One count, or the words a suppressed count stands for. */
function Count({ value, threshold }: { value: number | null; threshold: number | null }) {
  if (value !== null) return <>{numbers.format(value)}</>;
  return <span className="suppressed">{t('reports.suppressed', { threshold: threshold ?? '' })}</span>;
}

/** A cell's count: null is a suppressed count, and a cell the server did not send is none. */
function countAt(cells: Map<string, number | null>, month: string, category: string): number | null {
  const value = cells.get(`${month}|${category}`);
  return value === undefined ? 0 : value;
}

/** Counts by month (rows) and category (columns), with the totals of each and of all. */
export function CountsTable({ counts }: CountsTableProps) {
  const threshold = counts.suppressedBelow;
  const cell = new Map(counts.rows.map((r) => [`${r.month}|${r.category}`, r.count]));
  const byMonth = new Map(counts.totals.byMonth.map((m) => [m.month, m.count]));
  const byCategory = new Map(counts.totals.byCategory.map((c) => [c.category, c.count]));
  const range = { from: formatMonth(counts.from, locale), to: formatMonth(counts.to, locale) };
  return (
    // A wide report scrolls inside its frame; the frame takes focus so it can be scrolled by keyboard.
    <div className="table-wrap" role="region" aria-labelledby="counts-caption" tabIndex={0}>
      <table className="counts-table">
        <caption id="counts-caption">
          {t(threshold === null ? 'reports.caption' : 'reports.captionPublication', range)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.column.month')}</th>
            {counts.categories.map((category) => (
              <th key={category} scope="col">
                {categoryName(category)}
              </th>
            ))}
            <th scope="col">{t('reports.total')}</th>
          </tr>
        </thead>
        <tbody>
          {counts.months.map((month) => (
            <tr key={month}>
              <th scope="row">{formatMonth(month, locale)}</th>
              {counts.categories.map((category) => (
                <td key={category}>
                  <Count value={countAt(cell, month, category)} threshold={threshold} />
                </td>
              ))}
              <td className="total">
                <Count value={byMonth.get(month) ?? null} threshold={threshold} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.total')}</th>
            {counts.categories.map((category) => (
              <td key={category} className="total">
                <Count value={byCategory.get(category) ?? null} threshold={threshold} />
              </td>
            ))}
            <td className="total">
              <Count value={counts.totals.all} threshold={threshold} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
