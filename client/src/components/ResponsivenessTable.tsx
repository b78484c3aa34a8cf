import { useEffect, useState } from 'react';
import { ApiError, getResponsiveness, isAbort, type Responsiveness } from '../api';
import { locale, t } from '../i18n';
import { formatMonth } from '../reports-query';

const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

type State = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; data: Responsiveness };

/** Per month: the share of promised updates that were kept, and the median time to a first reply. */
export function ResponsivenessTable({ from, to }: { from?: string | undefined; to?: string | undefined }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    getResponsiveness({ from, to }, controller.signal).then(
      (data) => setState({ kind: 'ready', data }),
      (error: unknown) => {
        if (isAbort(error) || (error instanceof ApiError && error.status === 401)) return;
        setState({ kind: 'failed' });
      },
    );
    return () => controller.abort();
  }, [from, to]);

  return (
    <section aria-labelledby="responsiveness-heading">
      <h2 id="responsiveness-heading">{t('reports.responsiveness.heading')}</h2>
      <p>{t('reports.responsiveness.intro')}</p>
      {state.kind === 'loading' && <p role="status">{t('reports.loading')}</p>}
      {state.kind === 'failed' && <p role="status">{t('reports.loadFailed')}</p>}
      {state.kind === 'ready' && (
        <div className="table-wrap" role="region" aria-labelledby="responsiveness-caption" tabIndex={0}>
          <table className="counts-table">
            <caption id="responsiveness-caption">{t('reports.responsiveness.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.column.month')}</th>
                <th scope="col">{t('reports.responsiveness.kept')}</th>
                <th scope="col">{t('reports.responsiveness.share')}</th>
                <th scope="col">{t('reports.responsiveness.median')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{formatMonth(m.month, locale)}</th>
                  <td>{t('reports.responsiveness.keptOf', { kept: m.promisesKept, total: m.promisesKept + m.promisesBroken })}</td>
                  <td>{m.shareKept === null ? t('reports.responsiveness.none') : percent.format(m.shareKept)}</td>
                  <td>{m.medianFirstResponseMs === null ? t('reports.responsiveness.none') : t('reports.responsiveness.hours', { hours: hours.format(m.medianFirstResponseMs / 3_600_000) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
