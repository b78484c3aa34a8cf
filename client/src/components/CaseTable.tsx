import type { ReactNode } from 'react';
import type { CaseSummary } from '../api';
import { formatElapsed } from '../format-time';
import { locale, t } from '../i18n';
import { Link, paths } from '../router';
import { SeverityBadge, StatusBadge } from './Badges';
import { ResponseClock } from './ResponseClock';

interface CaseTableProps {
  cases: CaseSummary[];
  now: Date;
  /** Show each case's desk (to someone who works on several). */
  showDesk: boolean;
}

const COLUMNS = [
  'queue.column.reference',
  'queue.column.desk',
  'queue.column.severity',
  'queue.column.category',
  'queue.column.status',
  'queue.column.waited',
  'queue.column.firstResponse',
  'queue.column.assignee',
] as const;

type ColumnKey = (typeof COLUMNS)[number];

/** A cell that carries its column name, shown only where the table is laid out as cards. */
function Cell({ column, children }: { column: ColumnKey; children: ReactNode }) {
  return (
    <td role="cell">
      {/* Hidden from assistive technology: the column header already names the cell. */}
      <span className="cell-label" aria-hidden="true">
        {t(column)}
      </span>
      <span className="cell-value">{children}</span>
    </td>
  );
}

/** The queue as a table, in the order the server gave (most urgent first). */
export function CaseTable({ cases, now, showDesk }: CaseTableProps) {
  const columns = COLUMNS.filter((key) => showDesk || key !== 'queue.column.desk');
  return (
    // Explicit roles keep the table a table for screen readers when CSS lays it out as cards.
    <div className="table-wrap">
      <table className="case-table" role="table">
        <caption id="queue-caption">{t('queue.caption')}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((key) => (
              <th key={key} scope="col" role="columnheader">
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {cases.map((item) => (
            <tr key={item.reference} role="row" className={item.severity === 'emergency' ? 'row-emergency' : undefined}>
              <Cell column="queue.column.reference">
                <Link to={paths.case(item.reference)} className="reference">
                  {item.reference}
                </Link>
              </Cell>
              {showDesk && <Cell column="queue.column.desk">{item.desk.name}</Cell>}
              <Cell column="queue.column.severity">
                <SeverityBadge severity={item.severity} />
              </Cell>
              <Cell column="queue.column.category">{t(`category.${item.category}`)}</Cell>
              <Cell column="queue.column.status">
                <StatusBadge status={item.status} />
                {item.waiting !== null && (
                  <span className="waiting-since">
                    {t('queue.waiting', { who: t(`waitingOn.${item.waiting.on}`), duration: formatElapsed(item.waiting.since, now, locale) ?? item.waiting.since })}
                  </span>
                )}
              </Cell>
              <Cell column="queue.column.waited">
                <time dateTime={item.receivedAt}>{formatElapsed(item.receivedAt, now, locale)}</time>
              </Cell>
              <Cell column="queue.column.firstResponse">
                <ResponseClock
                  dueAt={item.firstResponseDueAt}
                  respondedAt={item.firstRespondedAt}
                  severity={item.severity}
                  now={now}
                />
              </Cell>
              <Cell column="queue.column.assignee">
                {item.assignee?.username ?? <span className="muted">{t('queue.unassigned')}</span>}
              </Cell>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
