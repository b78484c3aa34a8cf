import type { Severity } from '../domain';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';
import { ResponseClock } from './ResponseClock';

interface PromisedUpdateProps {
  dueAt: string | null;
  severity: Severity;
  now: Date;
}

/** The update promised to the reporter: its date, and whether it is on time, due soon or overdue. */
export function PromisedUpdate({ dueAt, severity, now }: PromisedUpdateProps) {
  const date = dueAt === null ? null : formatDateTime(dueAt, locale);
  if (dueAt === null || date === null) return <span className="muted">{t('case.nextUpdate.none')}</span>;
  // An outstanding promise is a clock that nobody has met yet: the same words and states apply.
  return (
    <>
      <time dateTime={dueAt}>{date}</time>
      <br />
      <ResponseClock dueAt={dueAt} respondedAt={null} severity={severity} now={now} />
    </>
  );
}
