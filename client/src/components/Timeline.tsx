import type { TimelineActor, TimelineEntry } from '../api';
import { PARTY_ROLES, isKnownTimelineType, type PartyRole } from '../domain';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';

function eventLabel(type: string): string {
  return isKnownTimelineType(type) ? t(`timeline.type.${type}`) : t('timeline.type.other');
}

function isPartyRole(value: string): value is PartyRole {
  return (PARTY_ROLES as readonly string[]).includes(value);
}

/** Some details are data rather than words (a promised date, a party's role); say them in words. */
function eventDetail(event: TimelineEntry): string | null {
  const { type, detail } = event;
  if (detail === null) return null;
  if (type === 'update_promised') {
    const date = formatDateTime(detail, locale);
    return date === null ? detail : t('timeline.detail.promisedBy', { date });
  }
  // Reminders carry the deadline they were set for.
  if (/_(due|overdue)$/.test(type)) {
    const date = formatDateTime(detail, locale);
    return date === null ? detail : t('timeline.detail.wasDue', { date });
  }
  if (type === 'reply_sent' && isPartyRole(detail)) return t('timeline.detail.replyTo', { role: t(`partyRole.${detail}`) });
  return detail;
}

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

/** What happened on the case, oldest first. */
export function Timeline({ events }: { events: TimelineEntry[] }) {
  if (events.length === 0) return <p className="muted">{t('case.timeline.empty')}</p>;
  // Sorted here too, so the order never depends on how the server happened to list them.
  const time = (event: TimelineEntry): number => Date.parse(event.at) || 0;
  const ordered = [...events].sort((a, b) => time(a) - time(b));
  return (
    <ol className="timeline">
      {ordered.map((event) => {
        const detail = eventDetail(event);
        return (
          <li key={event.id}>
            <time dateTime={event.at} className="timeline-time">
              {formatDateTime(event.at, locale)}
            </time>
            <span className="timeline-what">
              <strong>{eventLabel(event.type)}</strong> {actorLabel(event.actor)}
            </span>
            {detail !== null && <span className="timeline-detail">{detail}</span>}
          </li>
        );
      })}
    </ol>
  );
}
