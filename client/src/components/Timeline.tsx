import type { CaseMessage, TimelineActor, TimelineEntry } from '../api';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';
import { sayEventDetail } from '../timeline-detail';

function actorLabel(actor: TimelineActor): string {
  switch (actor.kind) {
    case 'reporter':
      return t('timeline.actor.reporter');
    case 'staff':
      return actor.username ? t('timeline.actor.staff', { username: actor.username }) : t('timeline.actor.staffUnknown');
    case 'system':
      return t('timeline.actor.system');
    default: {
      const unreachable: never = actor.kind;
      return unreachable;
    }
  }
}

/** What happened on the case, oldest first; `messages` are the case's, which some events point to. */
export function Timeline({ events, messages }: { events: TimelineEntry[]; messages: readonly Pick<CaseMessage, 'id' | 'body'>[] }) {
  if (events.length === 0) return <p className="muted">{t('case.timeline.empty')}</p>;
  // Sorted here too, so the order never depends on how the server happened to list them.
  const time = (event: TimelineEntry): number => Date.parse(event.at) || 0;
  const ordered = [...events].sort((a, b) => time(a) - time(b));
  return (
    <ol className="timeline">
      {ordered.map((event) => {
        const detail = sayEventDetail(event, messages);
        return (
          <li key={event.id}>
            <time dateTime={event.at} className="timeline-time">
              {formatDateTime(event.at, locale)}
            </time>
            <span className="timeline-what">
              <strong>{t(`timeline.type.${event.type}`)}</strong> {actorLabel(event.actor)}
            </span>
            {detail !== null && <span className="timeline-detail">{detail}</span>}
          </li>
        );
      })}
    </ol>
  );
}
