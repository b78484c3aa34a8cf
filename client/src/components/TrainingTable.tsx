import type { ModuleProgressBody, TeamMemberTrainingBody, TeamTraining } from '../../../src/shared/api/training';
import { locale, t } from '../i18n';

const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });

/** One person's progress in one module: a status, and how they did on the questions. */
function Cell({ progress }: { progress: ModuleProgressBody | undefined }) {
  if (progress === undefined || (progress.sectionsRead === 0 && progress.questionsAnswered === 0)) {
    return <span className="muted">{t('training.cell.notStarted')}</span>;
  }
  const status = progress.completedAt === null
    ? t('training.cell.partial', { read: progress.sectionsRead, sections: progress.sections, settled: progress.questionsSettled, questions: progress.questions })
    : t('training.cell.complete', { date: dates.format(new Date(progress.completedAt)) });
  return (
    <>
      <span className={progress.completedAt === null ? undefined : 'complete'}>{status}</span>
      {progress.questionsAnswered > 0 && (
        <span className="first-try">{t('training.cell.firstTry', { right: progress.questionsRightFirstTime, questions: progress.questions })}</span>
      )}
    </>
  );
}

/** A person's roles: the role alone, or each with its desk for someone who sees several desks. */
function rolesOf(person: TeamMemberTrainingBody, showDesks: boolean): string {
  return person.roles
    .map((r) => (showDesks ? t('training.roleOnDesk', { role: t(`training.role.${r.role}`), desk: r.desk.name }) : t(`training.role.${r.role}`)))
    .join(', ');
}

/** People (rows) by training module (columns). */
export function TrainingTable({ training, showDesks }: { training: TeamTraining; showDesks: boolean }) {
  return (
    // A wide table scrolls inside its frame; the frame takes focus so it can be scrolled by keyboard.
    <div className="table-wrap" role="region" aria-labelledby="training-caption" tabIndex={0}>
      <table className="training-table">
        <caption id="training-caption">{t('training.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training.column.person')}</th>
            {training.modules.map((m) => (
              <th key={m.id} scope="col">{m.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {training.people.map((person) => (
            <tr key={person.id}>
              <th scope="row">
                {person.username} <span className="muted">({rolesOf(person, showDesks)})</span>
              </th>
              {training.modules.map((m) => (
                <td key={m.id}>
                  <Cell progress={person.modules.find((p) => p.moduleId === m.id)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
