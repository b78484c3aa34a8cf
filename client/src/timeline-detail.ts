// Says a timeline event's detail in words. The detail arrives as data shaped by the event
// vocabulary (src/domain/case-events.ts); each field is said by its kind, and the sentence is the
// event type's own detail message in the catalog, so nothing here names an event type.
import type { TimelineEntry } from './api';

/** A message or private note the timeline may quote by id. */
type Quotable = { id: string; body: string };
import { eventFields, type EventFieldKind, type EventFieldValues } from './domain';
import { formatDateTime } from './format-time';
import { locale, t } from './i18n';
import { venueName } from './venue-name';

type FieldValue = { [K in EventFieldKind]: { kind: K; value: EventFieldValues[K] } }[EventFieldKind];

/** One field in words; null when it cannot be said (a message the case no longer lists). */
function sayField(field: FieldValue, messages: readonly Quotable[]): string | null {
  switch (field.kind) {
    case 'instant':
      return formatDateTime(field.value, locale) ?? field.value;
    case 'status':
      return t(`status.${field.value}`);
    case 'outcome':
      return t(`outcome.${field.value}`);
    case 'partyRole':
      return t(`partyRole.${field.value}`);
    case 'staff':
      return field.value.username;
    case 'message':
      // The words stay in the message; the timeline shows them from there.
      return messages.find((m) => m.id === field.value)?.body ?? null;
    case 'count':
      return new Intl.NumberFormat(locale).format(field.value);
    case 'waitingOn':
      return t(`waitingOn.${field.value}`);
    case 'category':
      return t(`category.${field.value}`);
    case 'severity':
      return t(`severity.${field.value}`);
    case 'venue':
      return venueName(field.value);
    case 'text':
      return field.value;
    case 'decision':
      return t(`review.decision.${field.value}`);
    default: {
      const unreachable: never = field;
      return unreachable;
    }
  }
}

/** The event's detail in words, or null when it has none. */
export function sayEventDetail(event: TimelineEntry, messages: readonly Quotable[]): string | null {
  if (event.detail === null) return null;
  const detail: Readonly<Record<string, unknown>> = event.detail;
  const params: Record<string, string> = {};
  for (const { name, kind, optional } of eventFields(event.type)) {
    if (detail[name] === undefined && optional) continue;
    // The server checked the detail against the same vocabulary before sending it.
    const said = sayField({ kind, value: detail[name] } as FieldValue, messages);
    if (said === null) return null;
    params[name] = said;
  }
  // Past the null check only types with fields remain, and each has a detail message (the
  // compiler checks the key against the catalog).
  return t(`timeline.detail.${event.type}`, params);
}
