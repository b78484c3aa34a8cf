import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { ApiError, getCaseCounts, isAbort, type CaseCounts } from '../api';
import { CountsTable } from '../components/CountsTable';
import { MonthField } from '../components/MonthField';
import { ResponsivenessTable } from '../components/ResponsivenessTable';
import { PageHeading } from '../components/PageHeading';
import { locale, t, type MessageKey } from '../i18n';
import {
  checkMonths, countsQueryFromSearch, formatMonth, MAX_REPORT_MONTHS, PUBLICATION_THRESHOLD, searchFromCountsQuery, type MonthProblems,
} from '../reports-query';
import { navigate, paths, useLocation } from '../router';
import '../styles/reports.css';

type CountsState = { kind: 'loading' } | { kind: 'failed'; invalid: boolean } | { kind: 'ready'; counts: CaseCounts };

const PROBLEM_TEXT: Record<NonNullable<MonthProblems['to']>, MessageKey> = {
  month: 'reports.error.month', reversed: 'reports.error.reversed', tooLong: 'reports.error.tooLong',
};

/** Counts of cases by category and month, with a "for publication" view that hides small counts. */
export function ReportingPage() {
  const { search } = useLocation();
  const [state, setState] = useState<CountsState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const initial = countsQueryFromSearch(new URLSearchParams(search));
  const [from, setFrom] = useState(initial.from ?? '');
  const [to, setTo] = useState(initial.to ?? '');
  const [publication, setPublication] = useState(initial.publication);
  const [problems, setProblems] = useState<MonthProblems>({});
  const fromRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Back and forward change the address, not the form: bring the form along.
    const query = countsQueryFromSearch(new URLSearchParams(search));
    setFrom(query.from ?? '');
    setTo(query.to ?? '');
    setPublication(query.publication);
  }, [search]);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    getCaseCounts(countsQueryFromSearch(new URLSearchParams(search)), controller.signal).then(
      (counts) => {
        setState({ kind: 'ready', counts });
        // Without months in the address the server chose them; show which.
        setFrom((current) => current || counts.from);
        setTo((current) => current || counts.to);
      },
      (error: unknown) => {
        // A 401 is handled by the app (back to sign-in); anything else is ours to show.
        if (isAbort(error) || (error instanceof ApiError && error.status === 401)) return;
        setState({ kind: 'failed', invalid: error instanceof ApiError && error.status === 400 });
      },
    );
    return () => controller.abort();
  }, [search, attempt]);

  function submit(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    const found = checkMonths(from, to);
    setProblems(found);
    if (found.from !== undefined || found.to !== undefined) {
      (found.from !== undefined ? fromRef : toRef).current?.focus();
      return;
    }
    const next = searchFromCountsQuery({ from, to, publication });
    if (next.toString() === new URLSearchParams(search).toString()) setAttempt((n) => n + 1);
    else navigate(paths.reports(next));
  }

  return (
    <>
      <PageHeading title={t('reports.title')}>{t('reports.heading')}</PageHeading>
      <p>{t('reports.intro')}</p>
      <form className="filters reports-form" aria-label={t('reports.form')} onSubmit={submit} noValidate>
        <MonthField id="report-from" label={t('reports.from')} value={from} onChange={setFrom} inputRef={fromRef}
          error={problems.from === undefined ? undefined : t(PROBLEM_TEXT[problems.from])} />
        <MonthField id="report-to" label={t('reports.to')} value={to} onChange={setTo} inputRef={toRef}
          error={problems.to === undefined ? undefined : t(PROBLEM_TEXT[problems.to], { max: MAX_REPORT_MONTHS })} />
        <div className="field checkbox-field">
          <div className="check">
            <input id="report-publication" type="checkbox" checked={publication} aria-describedby="report-publication-hint"
              onChange={(event) => setPublication(event.target.checked)} />
            <label htmlFor="report-publication">{t('reports.publication', { threshold: PUBLICATION_THRESHOLD })}</label>
          </div>
          <p className="hint" id="report-publication-hint">
            {t('reports.publicationHint', { threshold: PUBLICATION_THRESHOLD, max: PUBLICATION_THRESHOLD - 1 })}
          </p>
        </div>
        <button type="submit" className="button-primary">{t('reports.submit')}</button>
      </form>
      <p className="queue-status" role="status">{statusText(state)}</p>
      {state.kind === 'failed' && (
        <button type="button" className="button-secondary" onClick={() => setAttempt((n) => n + 1)}>{t('reports.retry')}</button>
      )}
      {state.kind === 'ready' && <CountsTable counts={state.counts} />}
      <ResponsivenessTable from={countsQueryFromSearch(new URLSearchParams(search)).from} to={countsQueryFromSearch(new URLSearchParams(search)).to} />
    </>
  );
}

function statusText(state: CountsState): string {
  switch (state.kind) {
    case 'loading':
      return t('reports.loading');
    case 'failed':
      return t(state.invalid ? 'reports.error.invalid' : 'reports.loadFailed');
    case 'ready':
      return t('reports.loaded', {
        months: state.counts.months.length, from: formatMonth(state.counts.from, locale), to: formatMonth(state.counts.to, locale),
      });
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
