import { firstResponseState } from '../domain';
import type { Severity } from '../domain';
import { formatDuration, formatRelative } from '../format-time';
import { locale, t } from '../i18n';

interface ResponseClockProps {
  dueAt: string;
  respondedAt: string | null;
  severity: Severity;
  now: Date;
}

/** The first-response clock in words ("Due in 40 minutes", "Overdue by 2 hours", "Met"). */
export function ResponseClock({ dueAt, respondedAt, severity, now }: ResponseClockProps) {
  const due = new Date(dueAt);
  if (Number.isNaN(due.getTime())) return null;
  const responded = respondedAt === null ? null : new Date(respondedAt);
  const state = firstResponseState({ dueAt: due, respondedAt: responded, now, severity });
  // The words carry the state; the class only adds emphasis for sighted scanning.
  switch (state) {
    case 'met':
      return <span className="clock clock-met">{t('clock.met')}</span>;
    case 'overdue':
      return (
        <strong className="clock clock-overdue">
          {t('clock.overdue', { duration: formatDuration(now.getTime() - due.getTime(), locale) })}
        </strong>
      );
    case 'due_soon':
    case 'on_time':
      return (
        <span className={`clock clock-${state.replace('_', '-')}`}>
          {t('clock.due', { relative: formatRelative(dueAt, now, locale) ?? '' })}
        </span>
      );
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
