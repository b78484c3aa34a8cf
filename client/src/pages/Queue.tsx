import { useCallback, useEffect, useState } from 'react';
import { ApiError, isAbort, listCases, type CaseFilters, type CaseSummary, type StaffUser } from '../api';
import { CaseTable } from '../components/CaseTable';
import { PageHeading } from '../components/PageHeading';
import { DutyPanel } from '../components/DutyPanel';
import { QueueFilters } from '../components/QueueFilters';
import { t, tPlural } from '../i18n';
import { worksOnSeveralDesks } from '../permissions';
import { filtersFromQuery, queryFromFilters } from '../queue-filters';
import { navigate, paths, useLocation } from '../router';
import { useNow } from '../use-now';

type QueueState =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'ready'; cases: CaseSummary[]; nextCursor: string | null; more: 'idle' | 'loading' | 'failed' };

/**
 * The queue of open cases, most urgent first, with status and category filters. To someone
 * who works on several desks it also shows each case's desk and filters by desk; with one,
 * desks are not mentioned at all.
 */
export function Queue({ user }: { user: StaffUser }) {
  const { query } = useLocation();
  const desks = worksOnSeveralDesks(user) ? user.desks : [];
  const filters = filtersFromQuery(query, desks.map((d) => d.slug));
  // The filters as a string, so the effects below depend on their value, not on an object.
  const filterKey = queryFromFilters(filters).toString();
  const deskKey = desks.map((d) => d.slug).join(',');
  const [state, setState] = useState<QueueState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const now = useNow();

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    listCases(filtersFromQuery(new URLSearchParams(filterKey), deskKey.split(',')), null, controller.signal).then(
      (page) => setState({ kind: 'ready', cases: page.cases, nextCursor: page.nextCursor, more: 'idle' }),
      (error: unknown) => {
        if (!isAbort(error) && !isSessionEnd(error)) setState({ kind: 'failed' });
      },
    );
    return () => controller.abort();
  }, [filterKey, deskKey, attempt]);

  const loadMore = useCallback(async () => {
    if (state.kind !== 'ready' || state.nextCursor === null || state.more === 'loading') return;
    const { cases, nextCursor } = state;
    setState({ ...state, more: 'loading' });
    try {
      const page = await listCases(filtersFromQuery(new URLSearchParams(filterKey), deskKey.split(',')), nextCursor);
      setState({ kind: 'ready', cases: [...cases, ...page.cases], nextCursor: page.nextCursor, more: 'idle' });
    } catch {
      setState({ kind: 'ready', cases, nextCursor, more: 'failed' });
    }
  }, [state, filterKey, deskKey]);

  function changeFilters(next: CaseFilters): void {
    navigate(paths.queue(queryFromFilters(next)), { replace: true });
  }

  return (
    <>
      <PageHeading title={t('queue.title')}>{t('queue.title')}</PageHeading>
      <DutyPanel deskNames={desks.length > 0} />
      <QueueFilters filters={filters} desks={desks} onChange={changeFilters} />
      <p className="queue-status" role="status">
        {statusText(state)}
      </p>
      {state.kind === 'failed' && (
        <button type="button" className="button-secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t('queue.retry')}
        </button>
      )}
      {state.kind === 'ready' && state.cases.length > 0 && <CaseTable cases={state.cases} now={now} showDesk={desks.length > 0} />}
      {state.kind === 'ready' && state.nextCursor !== null && (
        <button
          type="button"
          className="button-secondary load-more"
          aria-disabled={state.more === 'loading'}
          onClick={() => void loadMore()}
        >
          {t('queue.more')}
        </button>
      )}
    </>
  );
}

function isSessionEnd(error: unknown): boolean {
  // The app is already on its way to the sign-in page.
  return error instanceof ApiError && error.status === 401;
}

function statusText(state: QueueState): string {
  switch (state.kind) {
    case 'loading':
      return t('queue.loading');
    case 'failed':
      return t('queue.loadFailed');
    case 'ready':
      if (state.more === 'failed') return t('queue.loadFailed');
      if (state.more === 'loading') return t('queue.loading');
      return state.cases.length === 0 ? t('queue.empty') : tPlural('queue.count', state.cases.length);
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
