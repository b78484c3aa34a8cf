import { useEffect, useState } from 'react';
import { ApiError, getTeamTraining, isAbort, type StaffUser } from '../api';
import type { TeamTraining } from '../../../src/shared/api/training';
import { PageHeading } from '../components/PageHeading';
import { TrainingTable } from '../components/TrainingTable';
import { TrainingRequirements } from '../components/TrainingRequirements';
import { t } from '../i18n';
import { worksOnSeveralDesks } from '../permissions';
import '../styles/training.css';

type TrainingState = { kind: 'loading' } | { kind: 'failed'; forbidden: boolean } | { kind: 'ready'; training: TeamTraining };

/** The team's progress through the training modules, for admins (the staff of the desks they administer). */
export function TrainingPage({ user }: { user: StaffUser }) {
  const [state, setState] = useState<TrainingState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    getTeamTraining(controller.signal).then(
      (training) => setState({ kind: 'ready', training }),
      (error: unknown) => {
        // A 401 is handled by the app (back to sign-in); anything else is ours to show.
        if (isAbort(error) || (error instanceof ApiError && error.status === 401)) return;
        setState({ kind: 'failed', forbidden: error instanceof ApiError && error.status === 403 });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  return (
    <>
      <PageHeading title={t('training.title')}>{t('training.heading')}</PageHeading>
      <p>{t('training.intro')}</p>
      {/* The modules are server-rendered pages outside the console, so this is a plain link. */}
      <p>
        <a href="/training">{t('training.read')}</a>
      </p>
      <p className="queue-status" role="status">{statusText(state)}</p>
      {state.kind === 'failed' && !state.forbidden && (
        <button type="button" className="button-secondary" onClick={() => setAttempt((n) => n + 1)}>{t('training.retry')}</button>
      )}
      {state.kind === 'ready' && state.training.modules.length > 0 && (
        <>
          <TrainingTable training={state.training} showDesks={worksOnSeveralDesks(user)} />
          <TrainingRequirements
            training={state.training} showDesks={worksOnSeveralDesks(user)}
            onChange={(changed) => setState({
              kind: 'ready',
              training: {
                ...state.training,
                requirements: state.training.requirements.map((r) => (r.desk.slug === changed.desk.slug ? changed : r)),
              },
            })}
          />
        </>
      )}
    </>
  );
}

function statusText(state: TrainingState): string {
  switch (state.kind) {
    case 'loading':
      return t('training.loading');
    case 'failed':
      return t(state.forbidden ? 'training.forbidden' : 'training.loadFailed');
    case 'ready':
      return state.training.modules.length === 0
        ? t('training.empty')
        : t('training.loaded', { people: state.training.people.length, modules: state.training.modules.length });
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
